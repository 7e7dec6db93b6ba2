import type { RegisteredClient as RosterClient } from './register.js'
import { useInfiniteQuery } from '@tanstack/react-query'
import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import { pagedQueryOptions, withCursor } from './paged.js'
import { useRosterClient } from './provider.js'
import { rosterKeys } from './query-keys.js'
import type { RosterInput } from './result.js'

const orgKey = (orgId: string | null) => orgId ?? '_platform'

/** The audit filter: `audit.list` without the cursor (action, actor, target, time range). */
export type AuditFilter = Omit<RosterInput<RosterClient['audit']['list']>, 'cursor'>

/** Infinite-query options for the org's audit log, newest first (`audit.list`). */
export function auditInfiniteQueryOptions(client: RosterClient, filter: AuditFilter) {
  return pagedQueryOptions(rosterKeys.auditList(orgKey(filter.orgId), filter), (cursor) =>
    client.audit.list(withCursor(filter, cursor)),
  )
}
/**
 * Who did what, newest first — e.g. one member's history with `{ orgId, targetId: accountId }`.
 *
 * @example
 * const log = useAuditLog({ orgId, targetId: member.accountId, limit: 20 })
 */
export function useAuditLog(filter: AuditFilter) {
  return useInfiniteQuery(auditInfiniteQueryOptions(useRosterClient(), filter))
}

/** The outbox filter: `outbox.list` without the cursor. */
export type OutboxFilter = Omit<RosterInput<RosterClient['outbox']['list']>, 'cursor'>

/** Infinite-query options for the org's outgoing mail and its delivery state (`outbox.list`). */
export function outboxInfiniteQueryOptions(client: RosterClient, filter: OutboxFilter) {
  return pagedQueryOptions(rosterKeys.outboxList(orgKey(filter.orgId), filter), (cursor) =>
    client.outbox.list(withCursor(filter, cursor)),
  )
}
/** The org's mail: pending, sent, dead letters and blocked addresses. */
export function useOutbox(filter: OutboxFilter) {
  return useInfiniteQuery(outboxInfiniteQueryOptions(useRosterClient(), filter))
}
/** Mutation options for `outbox.requeue` (a dead letter gets another try). */
export const requeueMessageMutationOptions = defineMutation('outbox', 'requeue', (input) => [
  rosterKeys.outbox(orgKey(input.orgId)),
])
/** Puts a dead or blocked message back in the queue. */
export function useRequeueMessage(options?: RosterMutationHookOptions<RosterUseCase<'outbox', 'requeue'>>) {
  return useRosterMutation(requeueMessageMutationOptions, options)
}

/** The blocklist filter: `mail.blocklist` without the cursor. */
export type BlocklistFilter = Omit<NonNullable<RosterInput<RosterClient['mail']['blocklist']>>, 'cursor'>

/** Infinite-query options for the addresses that bounced (`mail.blocklist`), of one org's members. */
export function blocklistInfiniteQueryOptions(client: RosterClient, filter: BlocklistFilter) {
  const orgId = (filter as { orgId?: string }).orgId ?? null
  return pagedQueryOptions([...rosterKeys.blocklist(orgKey(orgId)), filter] as const, (cursor) =>
    client.mail.blocklist(withCursor(filter, cursor)),
  )
}
/** Members' addresses that bounced or complained: mail to them is not sent. */
export function useBlocklist(filter: BlocklistFilter) {
  return useInfiniteQuery(blocklistInfiniteQueryOptions(useRosterClient(), filter))
}
/** Mutation options for `mail.unblock`. */
export const unblockEmailMutationOptions = defineMutation('mail', 'unblock', () => [
  [...rosterKeys.all, 'org'],
])
/** Lets mail go to an address again once it is fixed. */
export function useUnblockEmail(options?: RosterMutationHookOptions<RosterUseCase<'mail', 'unblock'>>) {
  return useRosterMutation(unblockEmailMutationOptions, options)
}
