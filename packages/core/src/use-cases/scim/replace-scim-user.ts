import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { applyScimUser } from './apply-scim-user.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import {
  loadScimScope,
  ownMembership,
  ScimPrincipalInput,
  ScimUserFields,
  type ScimUserView,
  scimActor,
  scimUserNotFound,
  toScimUserView,
} from './user-shared.js'

export const ReplaceScimUserInput = ScimUserFields.extend({
  /** The SCIM `id` (the account id). */
  id: Id,
  /** `If-Match`: change only while the user is at this version. */
  ifVersion: z.number().int().min(0).optional(),
})
export type ReplaceScimUserInput = z.input<typeof ReplaceScimUserInput>
export type ReplaceScimUserError = RosterError<
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'ALREADY_MEMBER'
  | 'EMAIL_BLOCKED'
  | 'EMAIL_TAKEN'
  | 'ACCOUNT_NOT_FOUND'
  | 'CONFLICT'
  | 'STORAGE_FAILURE'
>

/**
 * Replaces a SCIM user with what the IdP now says it is (SC3, SC5; SCIM `PUT`, and `PATCH` after
 * the protocol package applied the operations): what changed since the IdP last sent it is
 * applied — account fields only for an account this connection created and that belongs to no
 * other org (A2, A17), title and department always, `active: false` disables the membership
 * (A12), `active: true` re-enables what SCIM disabled. Sending the same user twice changes
 * nothing. Unknown ids, and ids of another connection or org, are `NOT_FOUND` (SC2).
 *
 * @example
 * await roster.scim.users.replace(principal, { id, userName, email, firstName, lastName, active: false })
 */
export function replaceScimUser(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: ReplaceScimUserInput,
): ResultAsync<ScimUserView, ReplaceScimUserError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(ReplaceScimUserInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { id, ifVersion, ...fields } = parsed.value
    return inTransaction<ScimUserView, ReplaceScimUserError>(
      ctx,
      toAuditActor(scimActor(principal.connectionId)),
      async (w) => {
        const loaded = await loadScimScope(w.tx, principal)
        if (loaded.isErr()) return err(loaded.error)
        const user = await w.tx.scimUsers.find(loaded.value.scope, id)
        const membership = user ? await ownMembership(w.tx, loaded.value, id) : null
        if (!user || !membership) return err(scimUserNotFound(id))
        const applied = await applyScimUser(ctx, w, loaded.value, user, membership, fields, {
          ...(ifVersion !== undefined ? { ifVersion } : {}),
        })
        if (applied.isErr()) return err(applied.error)
        return ok(toScimUserView(applied.value))
      },
    )
  })
}
