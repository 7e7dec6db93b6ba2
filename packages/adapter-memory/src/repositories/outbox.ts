import type { OutboxMessage } from '@roster/core'
import { type OutboxRepository, partitionOf } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

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
    claimDue: (now, limit, leaseUntil, claim, partition) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const due = [...table.values()]
          .filter(
            (m) =>
              m.status === 'pending' &&
              m.nextAttemptAt <= now &&
              (partition === undefined || partitionOf(m.orgId, partition.count) === partition.index),
          )
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
        return due.map((m) => {
          const claimed = { ...m, claim, attempts: m.attempts + 1, nextAttemptAt: leaseUntil }
          table.set(m.id, claimed)
          return copy(claimed)
        })
      }),
    markSending: (id, claim) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const message = table.get(id)
        // Fenced: only the latest claimer may send; a lapsed one finds another claim here.
        if (!message || message.status !== 'pending' || message.claim !== claim) return false
        table.set(id, { ...message, status: 'sending' })
        return true
      }),
    markSent: (id, at, claim) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const message = table.get(id)
        if (!message || message.status !== 'sending' || message.claim !== claim) return false
        // The body goes with delivery: a link or a temporary password must not outlive it.
        table.set(id, {
          ...message,
          status: 'sent',
          sentAt: at,
          lastError: null,
          claim: null,
          text: '',
          html: '',
          data: {},
        })
        return true
      }),
    markFailed: (id, update) =>
      unit.write((t) => {
        const table = t.write<OutboxMessage>(T.outbox)
        const message = table.get(id)
        if (!message) return false
        const held =
          update.claim === null ||
          (message.claim === update.claim && (message.status === 'pending' || message.status === 'sending'))
        if (!held) return false
        table.set(id, {
          ...message,
          status: update.status,
          attempts: update.attempts,
          lastError: update.error,
          nextAttemptAt: update.nextAttemptAt,
          claim: null,
        })
        return true
      }),
  }
}
