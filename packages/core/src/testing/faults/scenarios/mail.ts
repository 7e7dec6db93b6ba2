// Fault scenarios of the mail blocklist and the outbox.
import { system } from './helpers.js'
import type { FaultScenario } from './types.js'

export const mailScenarios: readonly FaultScenario[] = [
  {
    name: 'mail.reportBounce',
    run: async ({ roster }) => roster.mail.reportBounce({ email: 'gone@example.test', kind: 'bounce' }),
  },
  {
    name: 'mail.unblock',
    setup: async (h, { roster }) => {
      h.unwrap(await roster.mail.reportBounce({ email: 'gone@example.test', kind: 'bounce' }), 'reportBounce')
      return {}
    },
    run: async (world) => world.roster.mail.unblock(system(world), { email: 'gone@example.test' }),
  },
  {
    name: 'outbox.dispatch',
    setup: async (h, { mailer }) => {
      const { orgId } = await h.org()
      // The inline attempt fails: the message waits for the dispatcher (due at the run's time).
      mailer.failNext(1)
      await h.invite(orgId, 'pat@example.test')
      return {}
    },
    run: async ({ roster }) => roster.outbox.dispatch(),
    delivery: true,
  },
  {
    name: 'outbox.requeue',
    setup: async (h, { roster, mailer, clock, storage }) => {
      const { orgId, founder } = await h.org()
      mailer.failNext(3)
      await h.invite(orgId, 'pat@example.test')
      for (let attempt = 2; attempt <= 3; attempt++) {
        clock.advance(10_000)
        h.unwrap(await roster.outbox.dispatch(), 'dispatch')
      }
      const [dead] = await storage.outbox.list({ limit: 10, status: 'dead' })
      if (!dead) throw new Error('fault-injection setup: no dead message to requeue')
      return { orgId, founder: founder.accountId, messageId: dead.id }
    },
    run: async ({ roster }, v) =>
      roster.outbox.requeue({ accountId: v.founder! }, { orgId: v.orgId!, messageId: v.messageId! }),
  },
]
