import { err, ResultAsync, type Result } from 'neverthrow'
import { type RosterError, rosterError } from '../errors.js'
import { isRetryableStorageError } from '../ports/storage.js'

/**
 * @internal Runs a use-case body written with async/await and early `return err(...)`, as a
 * `ResultAsync`. An unexpected throw (an adapter failure) becomes `STORAGE_FAILURE` here, in
 * one place; nothing else in the core catches. A retryable storage rejection that is still thrown
 * (`inTransaction` used up its attempts, or it came from a read outside a transaction) is a
 * concurrent change, not a fault: `CONFLICT`.
 */
export function runUseCase<T, E extends RosterError>(
  body: () => Promise<Result<T, E>>,
): ResultAsync<T, E | RosterError<'STORAGE_FAILURE'>> {
  return new ResultAsync<T, E | RosterError<'STORAGE_FAILURE'>>(
    body().catch((cause: unknown) => err(storageError(cause))),
  )
}

/** A rejection's answer: `CONFLICT` for a concurrent change (see above), `STORAGE_FAILURE` otherwise. */
function storageError(cause: unknown): RosterError<'STORAGE_FAILURE'> {
  if (isRetryableStorageError(cause)) {
    // CONFLICT goes with STORAGE_FAILURE in every error type (see `RosterError`).
    const { message, details } = rosterError('CONFLICT', {
      details: { reason: String((cause as { reason?: unknown }).reason ?? 'conflict') },
    })
    return { code: 'CONFLICT', message, ...(details ? { details } : {}) }
  }
  return rosterError('STORAGE_FAILURE', {
    details: { reason: cause instanceof Error ? cause.message : String(cause) },
  })
}
