import { err, ResultAsync, type Result } from 'neverthrow'
import { type RosterError, rosterError } from '../errors.js'

/**
 * @internal Runs a use-case body written with async/await and early `return err(...)`, as a
 * `ResultAsync`. An unexpected throw (an adapter failure) becomes `STORAGE_FAILURE` here, in
 * one place; nothing else in the core catches.
 */
export function runUseCase<T, E extends RosterError>(
  body: () => Promise<Result<T, E>>,
): ResultAsync<T, E | RosterError<'STORAGE_FAILURE'>> {
  return new ResultAsync<T, E | RosterError<'STORAGE_FAILURE'>>(
    body().catch((cause: unknown) =>
      err(
        rosterError('STORAGE_FAILURE', {
          details: { reason: cause instanceof Error ? cause.message : String(cause) },
        }),
      ),
    ),
  )
}
