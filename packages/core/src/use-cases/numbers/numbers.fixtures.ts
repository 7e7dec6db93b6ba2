// The world the number tests share: an org with members, and three valid numbers.
import { createTestRoster, type TestRosterOptions } from '@roster/test-support'

/** A roster with an org, its founder, an admin, two employees and a guest (added by the system actor). */
export async function setup(options: TestRosterOptions = {}) {
  const t = createTestRoster(options)
  const { org, founder } = await t.orgWithFounder()
  const admin = await t.member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
  const ada = await t.member(org.id, 'ada@example.com')
  const bob = await t.member(org.id, 'bob@example.com')
  const guest = await t.member(org.id, 'guest@example.com', undefined, 'guest')
  const orgId = org.id
  const audit = (action: string) => t.storage.audit.list({ orgId, action, limit: 100 })
  const lines = async () =>
    (await t.roster.licenses.summary(admin, { orgId }))
      ._unsafeUnwrap()
      .products.find((p) => p.product === 'phone-line')
  const view = async (accountId: string) =>
    (await t.roster.members.get(admin, { orgId, accountId }))._unsafeUnwrap()
  const numberRow = (number: string) => t.storage.numbers.find(orgId, number)
  return { ...t, org, orgId, founder, admin, ada, bob, guest, audit, lines, view, numberRow }
}

export const FR1 = '+33612345601'
export const FR2 = '+33612345602'
export const US1 = '+14155552671'
