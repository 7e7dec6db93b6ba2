// The buildings world the role tests share: an org, its founder, an admin, two buildings and a parking lot.
import { createTestRoster } from '@roster/test-support'

/** A roster with an org, its founder, an admin and two buildings (Tower A, Tower B) and a parking lot. */
export async function buildingsSetup() {
  const setup = createTestRoster()
  const { roster, orgWithFounder, member } = setup
  const { org, founder } = await orgWithFounder('Acme Property')
  const admin = await member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
  const create = async (type: string, name: string) =>
    (await roster.resources.create(founder, { orgId: org.id, type, name }))._unsafeUnwrap()
  const towerA = await create('building', 'Tower A')
  const towerB = await create('building', 'Tower B')
  const parking = await create('parking', 'Parking P1')
  return { ...setup, org, founder, admin, towerA, towerB, parking }
}
