// Fault scenarios of organizations.
import type { FaultScenario } from './types.js'

export const orgScenarios: readonly FaultScenario[] = [
  {
    name: 'orgs.create',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) => roster.orgs.create({ accountId: v.accountId! }, { name: 'Beta' }),
  },
  {
    name: 'orgs.update',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.orgs.update({ accountId: v.founder! }, { orgId: v.orgId!, name: 'Acme Two' }),
  },
  {
    name: 'orgs.delete',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      // O1: an org is deleted once its founder is the only member left.
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) => roster.orgs.delete({ accountId: v.founder! }, { orgId: v.orgId! }),
  },
  {
    name: 'orgs.transferFoundership',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return {
        orgId,
        founder: founder.accountId,
        accountId: await h.member(orgId, 'max@example.test'),
      }
    },
    run: async ({ roster }, v) =>
      roster.orgs.transferFoundership(
        { accountId: v.founder! },
        { orgId: v.orgId!, toAccountId: v.accountId! },
      ),
  },
]
