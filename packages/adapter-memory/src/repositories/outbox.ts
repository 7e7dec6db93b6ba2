import type { OutboxMessage } from '@roster/core'
import type { OutboxRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T, type Unit } from './unit.js'

export function outboxRepository(unit: Unit): OutboxRepository {
  return {
    enqueue: (message) =>
      unit.write((t) => {
        t.write<OutboxMessage>(T.outbox).set(message.id, copy(message))
      }),
    findById: (id) =>
      unit.read((t) => {
        const message = t.read<OutboxMessage>(T.outbox).get(id)
        return message ? copy(message) : null
      }),
    list: ({ orgId, status, limit, afterId }) =>
      unit.read((t) =>
        [...t.read<OutboxMessage>(T.outbox).values()]
          .filter(
            (m) =>
              (orgId === undefined || m.orgId === orgId) &&
              (status === undefined || m.status === status) &&
              (afterId === undefined || m.id > afterId),
          )
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
          .map(copy),
      ),
    claimDue: (now, limit, leaseUntil) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const due = [...table.values()]
          .filter((m) => m.status === 'pending' && m.nextAttemptAt <= now)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
        return due.map((m) => {
          const claimed = { ...m, attempts: m.attempts + 1, nextAttemptAt: leaseUntil }
          table.set(m.id, claimed)
          return copy(claimed)
        })
      }),
    markSent: (id, at) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const message = table.get(id)
        // The body goes with delivery: a link or a temporary password must not outlive it.
        if (message)
          table.set(id, {
            ...message,
            status: 'sent',
            sentAt: at,
            lastError: null,
            text: '',
            html: '',
            data: {},
          })
      }),
    markFailed: (id, update) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const message = table.get(id)
        if (message)
          table.set(id, {
            ...message,
            status: update.status,
            attempts: update.attempts,
            lastError: update.error,
            nextAttemptAt: update.nextAttemptAt,
          })
      }),
  }
}
