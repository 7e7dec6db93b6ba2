import { err, ok, type ResultAsync } from 'neverthrow'
import type * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id, Identity } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { auditOrgId, authorizeAccountAction } from '../../internal/account-authority.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const LinkIdentityInput = Identity.extend({ accountId: Id })
export type LinkIdentityInput = z.input<typeof LinkIdentityInput>
export type LinkIdentityError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'STORAGE_FAILURE' | 'FOUNDER_PROTECTED'
>

/**
 * Links an account to an outside identity (A16): `provider` (e.g. `oidc:google`) and its `subject`,
 * replacing any earlier link. An identity belongs to at most one account per provider: linked
 * elsewhere → `VALIDATION` on `subject`. A linked account may have no password; the host's SSO
 * callback finds it with `accounts.findByIdentity`. Who may (AA1–AA3): the person, the system, or
 * an admin of the org that owns the account who holds every permission the person holds there.
 * Emits `account.identity-linked`.
 *
 * @example
 * await roster.accounts.linkIdentity(actor, { accountId: actor.accountId, provider: 'oidc:google', subject: claims.sub })
 */
export function linkIdentity(
  ctx: RosterContext,
  actor: Actor,
  input: LinkIdentityInput,
): ResultAsync<AccountView, LinkIdentityError> {
  return runUseCase(async () => {
    const parsed = parseInput(LinkIdentityInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { accountId, provider, subject } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const authority = await authorizeAccountAction(w.tx, actor, accountId, 'edit')
      if (authority.isErr()) return err(authority.error)
      const { account, via } = authority.value
      if (account.identityProvider === provider && account.externalSubject === subject) {
        return ok(toAccountView(account))
      }
      const holder = await w.tx.accounts.findByIdentity(provider, subject)
      if (holder && holder.id !== account.id) return err(identityTaken())
      const updated = await w.tx.accounts.update(account.id, {
        identityProvider: provider,
        externalSubject: subject,
        updatedAt: w.now,
      })
      if (updated.status === 'not-found')
        return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId } }))
      if (updated.status === 'conflict') return err(identityTaken())
      const before =
        account.identityProvider && account.externalSubject
          ? { provider: account.identityProvider, subject: account.externalSubject }
          : null
      await w.audit({
        orgId: auditOrgId(via),
        action: 'account.identity-linked',
        targetType: 'account',
        targetId: account.id,
        changes: { identity: { before, after: { provider, subject } } },
      })
      w.emit('account.identity-linked', { accountId: account.id, provider, actor: w.actor })
      return ok(toAccountView(updated.account))
    })
  })
}

function identityTaken(): RosterError<'VALIDATION'> {
  return rosterError('VALIDATION', {
    message: 'This identity is linked to another account.',
    details: { issues: [{ path: 'subject', message: 'Already linked to another account' }] },
  })
}
