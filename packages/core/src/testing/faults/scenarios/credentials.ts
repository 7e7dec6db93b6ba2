// Fault scenarios of sign-in and passwords.
import { FAULT_PASSWORD } from '../world.js'
import { errorCode, type FaultScenario } from './types.js'

export const credentialScenarios: readonly FaultScenario[] = [
  {
    name: 'credentials.verify',
    setup: async (h, world) => {
      const ada = await h.activeAccount('ada@example.test')
      const account = await world.storage.accounts.findById(ada.accountId)
      return { username: account!.username }
    },
    run: async ({ roster }, v) =>
      roster.credentials.verify({ username: v.username!, password: FAULT_PASSWORD }),
  },
  {
    name: 'credentials.verify (wrong password, counted)',
    setup: async (h, world) => {
      const ada = await h.activeAccount('ada@example.test')
      const account = await world.storage.accounts.findById(ada.accountId)
      return { username: account!.username }
    },
    run: async ({ roster }, v) =>
      roster.credentials.verify({ username: v.username!, password: 'not the right password' }),
    // The expected answer is a refusal that records the failed attempt (A8's lockout counter).
    applied: (result) => errorCode(result) === 'INVALID_CREDENTIALS',
  },
  {
    name: 'credentials.requestPasswordReset',
    setup: async (h) => {
      await h.activeAccount('ada@example.test')
      return {}
    },
    run: async ({ roster }) => roster.credentials.requestPasswordReset({ email: 'ada@example.test' }),
    attemptTables: ['rate_limits'],
    answersBeforeWork: true,
  },
  {
    name: 'credentials.resetPassword',
    setup: async (h, { roster }) => {
      await h.activeAccount('ada@example.test')
      h.unwrap(
        await roster.credentials.requestPasswordReset({ email: 'ada@example.test' }),
        'requestPasswordReset',
      )
      await roster.outbox.drain()
      return { token: h.tokenFor('ada@example.test') }
    },
    run: async ({ roster }, v) =>
      roster.credentials.resetPassword({ token: v.token!, password: 'a brand new passphrase' }),
  },
  {
    name: 'credentials.changePassword',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) =>
      roster.credentials.changePassword(
        { accountId: v.accountId! },
        { currentPassword: FAULT_PASSWORD, newPassword: 'a brand new passphrase' },
      ),
  },
]
