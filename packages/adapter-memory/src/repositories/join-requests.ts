import type { JoinRequest } from '@roster/core'
import type { JoinRequestsRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

export function joinRequestsRepository(unit: Unit): JoinRequestsRepository {
  return {
    orgOf: (id) => unit.read((t) => t.read<JoinRequest>(T.joinRequests).get(id)?.orgId ?? null),
    findById: (orgId, id) =>
      unit.read((t) => {
        const request = t.read<JoinRequest>(T.joinRequests).get(id)
        return request && request.orgId === orgId ? copy(request) : null
      }),
    insert: (request) =>
      unit.write((t) => {
        for (const other of t.read<JoinRequest>(T.joinRequests).values())
          if (
            other.orgId === request.orgId &&
            other.accountId === request.accountId &&
            other.status === 'pending'
          )
            return { status: 'exists', pending: copy(other) } as const
        t.write<JoinRequest>(T.joinRequests).set(request.id, copy(request))
        return { status: 'inserted' } as const
      }),
    decide: (orgId, id, decision) =>
      unit.write((t) => {
        const current = t.read<JoinRequest>(T.joinRequests).get(id)
        if (!current || current.orgId !== orgId) return { status: 'not-found' } as const
        if (current.status !== 'pending') return { status: 'not-pending', request: copy(current) } as const
        const next: JoinRequest = { ...current, ...copy(decision) }
        t.write<JoinRequest>(T.joinRequests).set(id, next)
        return { status: 'decided', request: copy(next) } as const
      }),
    list: (query) =>
      unit.read((t) =>
        [...t.read<JoinRequest>(T.joinRequests).values()]
          .filter(
            (request) =>
              request.orgId === query.orgId &&
              (query.status === undefined || request.status === query.status) &&
              (query.afterId === undefined || request.id > query.afterId),
          )
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(0, query.limit)
          .map(copy),
      ),
    listForAccount: (accountId, limit) =>
      unit.read((t) =>
        [...t.read<JoinRequest>(T.joinRequests).values()]
          .filter((request) => request.accountId === accountId)
          .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
          .slice(0, Math.max(0, limit))
          .map(copy),
      ),
  }
}
