import type { RosterContext } from '../context.js'
import { type RosterError, rosterError } from '../errors.js'

/** @internal `VALIDATION` at `path` when a password is outside `policy.password` bounds (A8); null when fine. */
export function checkPasswordPolicy(
  ctx: RosterContext,
  password: string,
  path: string,
): RosterError<'VALIDATION'> | null {
  const { minLength, maxLength } = ctx.policy.password
  const length = [...password].length
  if (length >= minLength && length <= maxLength) return null
  const message = length < minLength ? `At least ${minLength} characters` : `At most ${maxLength} characters`
  return rosterError('VALIDATION', {
    message: `Invalid input: ${path}.`,
    details: { issues: [{ path, message }] },
  })
}
