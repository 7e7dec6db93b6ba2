import type { RegisteredClient as RosterClient } from './register.js'
import { useInfiniteQuery } from '@tanstack/react-query'
import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import {
  pagedQueryOptions,
  type RosterInfiniteQueryHookOptions,
  type RosterPages,
  withCursor,
} from './paged.js'
import { useRosterClient } from './provider.js'
import { rosterKeys } from './query-keys.js'
import type { RosterInput } from './result.js'

const orgKey = (orgId: string | null) => orgId ?? '_platform'

/** The audit filter: `audit.list` without the cursor (action, actor, target, time range). */
export type AuditFilter = Omit<RosterInput<RosterClient['audit']['list']>, 'cursor'>

/** Infinite-query options for the org's audit log, newest first (`audit.list`). */
export function auditInfiniteQueryOptions<TData = RosterPages<RosterUseCase<'audit', 'list'>>>(
  client: RosterClient,
  filter: AuditFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'audit', 'list'>, TData>,
) {
  return pagedQueryOptions(
    rosterKeys.auditList(orgKey(filter.orgId), filter),
    (cursor: string | undefined) => client.audit.list(withCursor(filter, cursor)),
    options,
  )
}
/**
 * Who did what, newest first — e.g. one member's history with `{ orgId, targetId: accountId }`.
 *
 * @example
 * const log = useAuditLog({ orgId, targetId: member.accountId, limit: 20 })
 */
export function useAuditLog<TData = RosterPages<RosterUseCase<'audit', 'list'>>>(
  filter: AuditFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'audit', 'list'>, TData>,
) {
  return useInfiniteQuery(auditInfiniteQueryOptions(useRosterClient(), filter, options))
}

/** The outbox filter: `outbox.list` without the cursor. */
export type OutboxFilter = Omit<RosterInput<RosterClient['outbox']['list']>, 'cursor'>

/** Infinite-query options for the org's outgoing mail and its delivery state (`outbox.list`). */
export function outboxInfiniteQueryOptions<TData = RosterPages<RosterUseCase<'outbox', 'list'>>>(
  client: RosterClient,
  filter: OutboxFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'outbox', 'list'>, TData>,
) {
  return pagedQueryOptions(
    rosterKeys.outboxList(orgKey(filter.orgId), filter),
    (cursor: string | undefined) => client.outbox.list(withCursor(filter, cursor)),
    options,
  )
}
/** The org's mail: pending, sent, dead letters and blocked addresses. */
export function useOutbox<TData = RosterPages<RosterUseCase<'outbox', 'list'>>>(
  filter: OutboxFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'outbox', 'list'>, TData>,
) {
  return useInfiniteQuery(outboxInfiniteQueryOptions(useRosterClient(), filter, options))
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
export function blocklistInfiniteQueryOptions<TData = RosterPages<RosterUseCase<'mail', 'blocklist'>>>(
  client: RosterClient,
  filter: BlocklistFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'mail', 'blocklist'>, TData>,
) {
  const orgId = (filter as { orgId?: string }).orgId ?? null
  return pagedQueryOptions(
    [...rosterKeys.blocklist(orgKey(orgId)), filter] as const,
    (cursor: string | undefined) => client.mail.blocklist(withCursor(filter, cursor)),
    options,
  )
}
/** Members' addresses that bounced or complained: mail to them is not sent. */
export function useBlocklist<TData = RosterPages<RosterUseCase<'mail', 'blocklist'>>>(
  filter: BlocklistFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'mail', 'blocklist'>, TData>,
) {
  return useInfiniteQuery(blocklistInfiniteQueryOptions(useRosterClient(), filter, options))
}
/** Mutation options for `mail.unblock`. */
export const unblockEmailMutationOptions = defineMutation('mail', 'unblock', () => [
  [...rosterKeys.all, 'org'],
])
/** Lets mail go to an address again once it is fixed. */
export function useUnblockEmail(options?: RosterMutationHookOptions<RosterUseCase<'mail', 'unblock'>>) {
  return useRosterMutation(unblockEmailMutationOptions, options)
}
