// Fault scenarios of phone numbers.
import { withOrg, type Run } from './helpers.js'
import type { FaultScenario } from './types.js'

export const numberScenarios: readonly FaultScenario[] = [
  ...withOrg('numbers.import', async ({ roster }, v) =>
    roster.numbers.import(
      { accountId: v.founder! },
      { orgId: v.orgId!, numbers: [NUMBER, '+33 6 12 34 56 02'] },
    ),
  ),
  ...withNumber('numbers.assign', false, async (roster, v) =>
    roster.numbers.assign(
      { accountId: v.founder! },
      { orgId: v.orgId!, number: NUMBER, accountId: v.accountId! },
    ),
  ),
  ...withNumber('numbers.unassign', true, async (roster, v) =>
    roster.numbers.unassign({ accountId: v.founder! }, { orgId: v.orgId!, number: NUMBER }),
  ),
  ...withNumber('numbers.remove', true, async (roster, v) =>
    roster.numbers.remove({ accountId: v.founder! }, { orgId: v.orgId!, number: NUMBER }),
  ),
]

const NUMBER = '+33 6 12 34 56 01'

/** An org with a phone-line pool, an imported number and a member (holding the number when `assigned`). */
function withNumber(name: string, assigned: boolean, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        h.unwrap(
          await roster.licenses.createPool(founder, { orgId, product: 'phone-line', seats: 2 }),
          'createPool',
        )
        h.unwrap(await roster.numbers.import(founder, { orgId, numbers: [NUMBER] }), 'numbers.import')
        const accountId = await h.member(orgId, 'max@example.test')
        if (assigned)
          h.unwrap(
            await roster.numbers.assign(founder, { orgId, number: NUMBER, accountId }),
            'numbers.assign',
          )
        return { orgId, founder: founder.accountId, accountId }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}
