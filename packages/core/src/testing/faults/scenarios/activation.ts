// Fault scenarios of activation and password reset links.
import { FAULT_PASSWORD } from '../world.js'
import type { FaultScenario } from './types.js'

export const activationScenarios: readonly FaultScenario[] = [
  {
    name: 'activation.activate',
    setup: async (h, { roster }) => {
      h.unwrap(
        await roster.accounts.signUp({ email: 'pat@example.test', firstName: 'Pat', lastName: 'Pending' }),
        'signUp',
      )
      return { token: h.tokenFor('pat@example.test') }
    },
    run: async ({ roster }, v) => roster.activation.activate({ token: v.token!, password: FAULT_PASSWORD }),
  },
  {
    name: 'activation.requestNewLink',
    setup: async (h, { roster }) => {
      h.unwrap(
        await roster.accounts.signUp({ email: 'pat@example.test', firstName: 'Pat', lastName: 'Pending' }),
        'signUp',
      )
      return {}
    },
    run: async ({ roster }) => roster.activation.requestNewLink({ email: 'pat@example.test' }),
    attemptTables: ['rate_limits'],
    answersBeforeWork: true,
  },
  {
    name: 'activation.resend',
    setup: async (h, world) => {
      const { orgId, founder } = await h.org()
      const added = h.unwrap(
        await world.roster.members.add(founder, {
          orgId,
          email: 'pat@example.test',
          firstName: 'Pat',
          lastName: 'Pending',
        }),
        'members.add',
      )
      return { orgId, founder: founder.accountId, accountId: added.accountId }
    },
    run: async ({ roster }, v) =>
      roster.activation.resend({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  },
]
