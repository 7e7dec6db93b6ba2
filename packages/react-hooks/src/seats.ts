import type { RegisteredClient as RosterClient } from './register.js'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
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
import { type RosterQueryHookOptions, rosterQueryOptions } from './query.js'
import type { RosterData, RosterInput } from './result.js'

type OrgInput = { orgId: string }

// ── Licenses ─────────────────────────────────────────────────────────────────────────────────

/** Query options for the org's seats per product (`licenses.summary`). */
export function licenseSummaryQueryOptions<TData = RosterData<RosterUseCase<'licenses', 'summary'>>>(
  client: RosterClient,
  input: RosterInput<RosterClient['licenses']['summary']>,
  options?: RosterQueryHookOptions<RosterUseCase<'licenses', 'summary'>, TData>,
) {
  return rosterQueryOptions(
    rosterKeys.licenseSummary(input.orgId),
    () => client.licenses.summary(input),
    options,
  )
}
/**
 * Seats per product: purchased, assigned, available, required.
 *
 * @example
 * const { data } = useLicenseSummary({ orgId })
 * data?.products.map((p) => `${p.product}: ${p.assigned}/${p.seats}`)
 */
export function useLicenseSummary<TData = RosterData<RosterUseCase<'licenses', 'summary'>>>(
  input: RosterInput<RosterClient['licenses']['summary']>,
  options?: RosterQueryHookOptions<RosterUseCase<'licenses', 'summary'>, TData>,
) {
  return useQuery(licenseSummaryQueryOptions(useRosterClient(), input, options))
}
const poolAffects = (input: OrgInput) => [rosterKeys.licenses(input.orgId), rosterKeys.audit(input.orgId)]
// A seat shows in the member's view (licenses, `licensed`), in the counts, and for the number
// product in which numbers can be held.
const seatAffects = (input: OrgInput) => [
  rosterKeys.licenses(input.orgId),
  rosterKeys.members(input.orgId),
  rosterKeys.numbers(input.orgId),
  rosterKeys.audit(input.orgId),
]
/** Mutation options for `licenses.createPool`. */
export const createPoolMutationOptions = defineMutation('licenses', 'createPool', poolAffects)
/** Mutation options for `licenses.addSeats`. */
export const addSeatsMutationOptions = defineMutation('licenses', 'addSeats', poolAffects)
/** Mutation options for `licenses.removeSeats` (`SEATS_IN_USE` below the assigned count). */
export const removeSeatsMutationOptions = defineMutation('licenses', 'removeSeats', poolAffects)
/** Mutation options for `licenses.assign` (`NO_SEATS_AVAILABLE`, `NOT_LICENSABLE`). */
export const assignLicenseMutationOptions = defineMutation('licenses', 'assign', seatAffects)
/** Mutation options for `licenses.unassign`. */
export const unassignLicenseMutationOptions = defineMutation('licenses', 'unassign', seatAffects)
/** Creates a product's seat pool. */
export function useCreatePool(options?: RosterMutationHookOptions<RosterUseCase<'licenses', 'createPool'>>) {
  return useRosterMutation(createPoolMutationOptions, options)
}
/** Buys seats. */
export function useAddSeats(options?: RosterMutationHookOptions<RosterUseCase<'licenses', 'addSeats'>>) {
  return useRosterMutation(addSeatsMutationOptions, options)
}
/** Gives back unused seats. */
export function useRemoveSeats(
  options?: RosterMutationHookOptions<RosterUseCase<'licenses', 'removeSeats'>>,
) {
  return useRosterMutation(removeSeatsMutationOptions, options)
}
/** Gives a member a seat of a product. */
export function useAssignLicense(options?: RosterMutationHookOptions<RosterUseCase<'licenses', 'assign'>>) {
  return useRosterMutation(assignLicenseMutationOptions, options)
}
/** Frees a member's seat of a product. */
export function useUnassignLicense(
  options?: RosterMutationHookOptions<RosterUseCase<'licenses', 'unassign'>>,
) {
  return useRosterMutation(unassignLicenseMutationOptions, options)
}

// ── Phone numbers ────────────────────────────────────────────────────────────────────────────

/** The number filter: `numbers.list` without the cursor (`status`, `accountId`). */
export type NumbersFilter = Omit<RosterInput<RosterClient['numbers']['list']>, 'cursor'>

/** Infinite-query options for the org's phone-number pool (`numbers.list`). */
export function numbersInfiniteQueryOptions<TData = RosterPages<RosterUseCase<'numbers', 'list'>>>(
  client: RosterClient,
  filter: NumbersFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'numbers', 'list'>, TData>,
) {
  return pagedQueryOptions(
    rosterKeys.numberList(filter.orgId, filter),
    (cursor: string | undefined) => client.numbers.list(withCursor(filter, cursor)),
    options,
  )
}
/**
 * The org's phone numbers, page by page: `{ status: 'available' }` to pick one, `{ accountId }`
 * for a member's numbers.
 */
export function useNumbers<TData = RosterPages<RosterUseCase<'numbers', 'list'>>>(
  filter: NumbersFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'numbers', 'list'>, TData>,
) {
  return useInfiniteQuery(numbersInfiniteQueryOptions(useRosterClient(), filter, options))
}
const numberPoolAffects = (input: OrgInput) => [
  rosterKeys.numbers(input.orgId),
  rosterKeys.audit(input.orgId),
]
/** Mutation options for `numbers.import` (a report of imported, duplicate and invalid numbers). */
export const importNumbersMutationOptions = defineMutation('numbers', 'import', numberPoolAffects)
/** Mutation options for `numbers.remove` (an unassigned number leaves the pool). */
export const removeNumberMutationOptions = defineMutation('numbers', 'remove', numberPoolAffects)
/** Mutation options for `numbers.assign` (takes a seat of the number product). */
export const assignNumberMutationOptions = defineMutation('numbers', 'assign', seatAffects)
/** Mutation options for `numbers.unassign`. */
export const unassignNumberMutationOptions = defineMutation('numbers', 'unassign', seatAffects)
/** Imports numbers into the pool. */
export function useImportNumbers(options?: RosterMutationHookOptions<RosterUseCase<'numbers', 'import'>>) {
  return useRosterMutation(importNumbersMutationOptions, options)
}
/** Removes a free number from the pool. */
export function useRemoveNumber(options?: RosterMutationHookOptions<RosterUseCase<'numbers', 'remove'>>) {
  return useRosterMutation(removeNumberMutationOptions, options)
}
/** Gives a member a number from the pool (`NUMBER_UNAVAILABLE`, `NO_SEATS_AVAILABLE`). */
export function useAssignNumber(options?: RosterMutationHookOptions<RosterUseCase<'numbers', 'assign'>>) {
  return useRosterMutation(assignNumberMutationOptions, options)
}
/** Takes a number back from its member. */
export function useUnassignNumber(options?: RosterMutationHookOptions<RosterUseCase<'numbers', 'unassign'>>) {
  return useRosterMutation(unassignNumberMutationOptions, options)
}
