// Fault scenarios of license pools and seats.
import { withOrg, type Run } from './helpers.js'
import type { FaultWorld, SetupHelpers } from '../world.js'
import type { FaultScenario, ScenarioValues } from './types.js'

export const licenseScenarios: readonly FaultScenario[] = [
  ...withOrg('licenses.createPool', async ({ roster }, v) =>
    roster.licenses.createPool({ accountId: v.founder! }, { orgId: v.orgId!, product: 'pbx', seats: 2 }),
  ),
  ...withPool('licenses.addSeats', async (roster, v) =>
    roster.licenses.addSeats({ accountId: v.founder! }, { orgId: v.orgId!, product: 'pbx', count: 1 }),
  ),
  ...withPool('licenses.removeSeats', async (roster, v) =>
    roster.licenses.removeSeats({ accountId: v.founder! }, { orgId: v.orgId!, product: 'pbx', count: 1 }),
  ),
  ...withPool('licenses.assign', async (roster, v) =>
    roster.licenses.assign(
      { accountId: v.founder! },
      { orgId: v.orgId!, product: 'pbx', accountId: v.accountId! },
    ),
  ),
  {
    name: 'licenses.unassign',
    setup: async (h, world) => {
      const values = await poolSetup(h, world)
      h.unwrap(
        await world.roster.licenses.assign(
          { accountId: values.founder! },
          { orgId: values.orgId!, product: 'pbx', accountId: values.accountId! },
        ),
        'licenses.assign',
      )
      return values
    },
    run: async ({ roster }, v) =>
      roster.licenses.unassign(
        { accountId: v.founder! },
        { orgId: v.orgId!, product: 'pbx', accountId: v.accountId! },
      ),
  },
]

async function poolSetup(h: SetupHelpers, world: FaultWorld): Promise<ScenarioValues> {
  const { orgId, founder } = await h.org()
  h.unwrap(await world.roster.licenses.createPool(founder, { orgId, product: 'pbx', seats: 2 }), 'createPool')
  return { orgId, founder: founder.accountId, accountId: await h.member(orgId, 'max@example.test') }
}

function withPool(name: string, run: Run): FaultScenario[] {
  return [{ name, setup: poolSetup, run: async ({ roster }, values) => run(roster, values) }]
}
