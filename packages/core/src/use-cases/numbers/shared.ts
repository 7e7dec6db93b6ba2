import { err, ok, type Result } from 'neverthrow'
import { normalizePhoneNumber } from '../../domain/phone-number.js'
import { type RosterError, rosterError } from '../../errors.js'

/**
 * @internal The E.164 form of a number a use-case was given (any international format), or
 * `INVALID_NUMBER` naming the input.
 */
export function parseNumberArgument(input: string): Result<string, RosterError<'INVALID_NUMBER'>> {
  const number = normalizePhoneNumber(input)
  if (number) return ok(number)
  return err(
    rosterError('INVALID_NUMBER', {
      message: `"${input}" is not a valid international phone number (start with +).`,
      details: { number: input },
    }),
  )
}

/** @internal `NOT_FOUND` for a number that is not in the org's pool. */
export function numberNotFound(number: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: `${number} is not in the organization's number pool; import it first.`,
    details: { entity: 'phone-number', number },
  })
}
