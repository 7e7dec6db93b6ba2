import type { RosterError, RosterErrorCode } from '@roster/core'

/** Any use-case of a `RosterClient`: one input (or none), a `ResultAsync` back. */
// biome-ignore lint/suspicious/noExplicitAny: matches every use-case signature
export type AnyUseCase = (...args: any[]) => any

type Settled<F extends AnyUseCase> = Awaited<ReturnType<F>>
type OkValue<R> = R extends { readonly value: infer T } ? T : never
type ErrValue<R> = R extends { readonly error: infer E } ? E : never

/** The value a use-case resolves to on success, e.g. `RosterData<RosterClient['members']['get']>` is `MemberView`. */
export type RosterData<F extends AnyUseCase> = OkValue<Settled<F>>
/** The typed `RosterError` a use-case fails with, e.g. `RosterErrorOf<RosterClient['members']['add']>`. */
export type RosterErrorOf<F extends AnyUseCase> = ErrValue<Settled<F>>
/** The input of a use-case (`void` for those that take none, such as `orgs.listMine`). */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets `mutate()` be called with no argument
export type RosterInput<F extends AnyUseCase> = Parameters<F> extends [] ? void : Parameters<F>[0]

interface ResultLike {
  isErr(): boolean
}

/**
 * Awaits a use-case's `ResultAsync` and returns its value, or throws its `RosterError` as is —
 * TanStack Query's error channel then holds the plain `{ code, message, details }` object, so
 * `error.code` stays typed per use-case.
 *
 * @example
 * queryFn: () => unwrap(client.members.get({ orgId, accountId }))
 */
export async function unwrap<R>(result: R): Promise<OkValue<Awaited<R>>> {
  const settled = (await result) as ResultLike & { value?: unknown; error?: unknown }
  if (settled.isErr()) throw settled.error
  return settled.value as OkValue<Awaited<R>>
}

// Failures worth another try: the rest (VALIDATION, FORBIDDEN, NOT_FOUND…) answer the same again.
const TRANSIENT: ReadonlySet<RosterErrorCode> = new Set([
  'STORAGE_FAILURE',
  'MAILER_FAILURE',
  'NETWORK_ERROR',
])

/**
 * The `retry` every Roster query uses: up to 3 tries, only for transient failures (storage,
 * network). A `FORBIDDEN` or `NOT_FOUND` is shown at once instead of after three slow retries.
 */
export function retryTransient(failureCount: number, error: unknown): boolean {
  const code = (error as Partial<RosterError> | null)?.code
  return failureCount < 3 && (code === undefined || TRANSIENT.has(code))
}
