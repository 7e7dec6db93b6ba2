// Fault scenarios of the account a person owns: sign-up, profile, username, deletion.
import { system } from './helpers.js'
import type { FaultScenario } from './types.js'

export const accountScenarios: readonly FaultScenario[] = [
  {
    name: 'accounts.signUp',
    run: async ({ roster }) =>
      roster.accounts.signUp({ email: 'new@example.test', firstName: 'New', lastName: 'Person' }),
    attemptTables: ['rate_limits'],
  },
  {
    name: 'accounts.updateProfile',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) =>
      roster.accounts.updateProfile(
        { accountId: v.accountId! },
        { accountId: v.accountId!, firstName: 'Changed' },
      ),
  },
  {
    name: 'accounts.changeEmail',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) =>
      roster.accounts.changeEmail(
        { accountId: v.accountId! },
        { accountId: v.accountId!, email: 'ada.new@example.test' },
      ),
  },
  {
    name: 'accounts.confirmEmail',
    policy: { emailChange: 'verify' },
    setup: async (h, { roster }) => {
      const ada = await h.activeAccount('ada@example.test')
      h.unwrap(
        await roster.accounts.changeEmail(ada, {
          accountId: ada.accountId,
          email: 'ada.new@example.test',
        }),
        'changeEmail',
      )
      await roster.outbox.drain()
      return { token: h.tokenFor('ada.new@example.test') }
    },
    run: async ({ roster }, v) => roster.accounts.confirmEmail({ token: v.token! }),
  },
  {
    name: 'accounts.disable',
    setup: async (h) => {
      const { orgId } = await h.org()
      return { accountId: await h.member(orgId, 'max@example.test') }
    },
    run: async (world, v) => world.roster.accounts.disable(system(world), { accountId: v.accountId! }),
  },
  {
    name: 'accounts.enable',
    setup: async (h, world) => {
      const { orgId } = await h.org()
      const accountId = await h.member(orgId, 'max@example.test')
      h.unwrap(await world.roster.accounts.disable(world.system, { accountId }), 'disable')
      return { accountId }
    },
    run: async (world, v) => world.roster.accounts.enable(system(world), { accountId: v.accountId! }),
  },
  {
    name: 'accounts.linkIdentity',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async (world, v) =>
      world.roster.accounts.linkIdentity(system(world), {
        accountId: v.accountId!,
        provider: 'oidc:corp',
        subject: 'subject-1',
      }),
  },
]
