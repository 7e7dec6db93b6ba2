import { usernameEmailIssue } from '../domain/schemas.js'
import { type RosterError, rosterError } from '../errors.js'

/**
 * @internal `VALIDATION` at `path` when a username being set contains `@` but is not the account's
 * own email (SP6, {@link usernameEmailIssue}); null when fine or when no username is being set.
 */
export function checkUsernameOfEmail(
  username: string | undefined,
  ownEmail: string,
  path = 'username',
): RosterError<'VALIDATION'> | null {
  if (username === undefined) return null
  const message = usernameEmailIssue(username, ownEmail)
  if (message === null) return null
  return rosterError('VALIDATION', {
    message: `Invalid input: ${path}.`,
    details: { issues: [{ path, message }] },
  })
}
