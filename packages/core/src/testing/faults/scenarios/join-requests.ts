// Fault scenarios of join requests.
import type { Run } from './helpers.js'
import type { FaultScenario } from './types.js'

export const joinRequestScenarios: readonly FaultScenario[] = [
  {
    name: 'joinRequests.create',
    setup: async (h) => {
      const { orgId } = await h.org()
      return { orgId, accountId: (await h.activeAccount('jo@example.test')).accountId }
    },
    run: async ({ roster }, v) =>
      roster.joinRequests.create({ accountId: v.accountId! }, { orgId: v.orgId!, message: 'Hello' }),
  },
  ...withJoinRequest('joinRequests.approve', async (roster, v) =>
    roster.joinRequests.approve({ accountId: v.founder! }, { requestId: v.requestId! }),
  ),
  ...withJoinRequest('joinRequests.deny', async (roster, v) =>
    roster.joinRequests.deny({ accountId: v.founder! }, { requestId: v.requestId! }),
  ),
  ...withJoinRequest('joinRequests.cancel', async (roster, v) =>
    roster.joinRequests.cancel({ accountId: v.accountId! }, { requestId: v.requestId! }),
  ),
]

function withJoinRequest(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        const jo = await h.activeAccount('jo@example.test')
        const request = h.unwrap(
          await roster.joinRequests.create(jo, { orgId, message: 'Hello' }),
          'joinRequests.create',
        ) as {
          id: string
        }
        return {
          orgId,
          founder: founder.accountId,
          accountId: jo.accountId,
          requestId: request.id,
        }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}
