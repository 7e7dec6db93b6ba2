import type { RosterContext } from '../context.js'
import { err, ok, type Result } from 'neverthrow'
import type { Account } from '../domain/account.js'
import type { Token, TokenKind } from '../domain/token.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageTx } from '../ports/storage.js'
import { hashToken, newTokenSecret } from './secrets.js'

/**
 * @internal Issues a single-use token (X1): stores only its hash and returns the secret and the
 * link to mail. Older unused tokens of the same kind are revoked first when `revokeOlder` is set.
 */
export async function issueToken(
  ctx: RosterContext,
  tx: StorageTx,
  options: {
    kind: TokenKind
    accountId: string
    ttlMs: number
    now: Date
    email?: string
    revokeOlder?: boolean
  },
): Promise<{ token: string; url: string; expiresAt: Date }> {
  if (options.revokeOlder) await tx.tokens.revokeFor(options.accountId, options.kind, options.now)
  const expiresAt = new Date(options.now.getTime() + options.ttlMs)
  const token = await mintToken(ctx, tx, { ...options, expiresAt })
  return { token, url: tokenLink(ctx, options.kind, token), expiresAt }
}

/** @internal Stores a new token's hash (X1) and returns its secret, which nothing stores. */
export async function mintToken(
  ctx: RosterContext,
  tx: StorageTx,
  options: { kind: TokenKind; accountId: string; expiresAt: Date; now: Date; email?: string | undefined },
): Promise<string> {
  const token = newTokenSecret(ctx.random)
  await tx.tokens.insert({
    id: ctx.ids(),
    kind: options.kind,
    hash: hashToken(token),
    accountId: options.accountId,
    email: options.email ?? null,
    expiresAt: options.expiresAt,
    usedAt: null,
    createdAt: options.now,
  })
  return token
}

/** @internal The mailed link that redeems a token of `kind`. */
export function tokenLink(ctx: RosterContext, kind: TokenKind, token: string): string {
  const path = {
    activation: ctx.links.activation,
    'password-reset': ctx.links.passwordReset,
    'email-change': ctx.links.emailConfirm,
  }[kind]
  return linkTo(ctx, path, { token })
}

/** @internal An absolute link under `baseUrl` with query parameters. */
export function linkTo(ctx: RosterContext, path: string, params: Record<string, string> = {}): string {
  // Links live under baseUrl, path included: `https://x.test/app` + `/activate` → `https://x.test/app/activate`.
  const url = new URL(path.replace(/^\/+/, ''), ctx.baseUrl.endsWith('/') ? ctx.baseUrl : `${ctx.baseUrl}/`)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}

/**
 * @internal Looks up a mailed token for a flow (A8, X1): `TOKEN_INVALID` when unknown, of another
 * kind, used or revoked; `TOKEN_EXPIRED` past its validity. The caller still consumes it inside
 * its transaction, which is what makes it single-use under concurrency.
 */
export async function findUsableToken(
  ctx: RosterContext,
  secret: string,
  kind: TokenKind,
): Promise<Result<Token, RosterError<'TOKEN_INVALID' | 'TOKEN_EXPIRED'>>> {
  const token = await ctx.storage.tokens.findByHash(hashToken(secret))
  if (!token || token.kind !== kind || token.usedAt !== null) return err(rosterError('TOKEN_INVALID'))
  if (token.expiresAt <= ctx.clock.now()) return err(rosterError('TOKEN_EXPIRED'))
  return ok(token)
}

/**
 * @internal Uses up a mailed link's token in the caller's transaction and returns the account it is
 * for; `null` (the caller answers `TOKEN_INVALID`) when the token was used meanwhile or the account
 * is gone. Consuming inside the transaction makes the link single-use even when clicked twice at once.
 */
export async function redeemToken(
  tx: StorageTx,
  token: Pick<Token, 'id' | 'accountId'>,
  now: Date,
): Promise<Account | null> {
  if (!(await tx.tokens.consume(token.id, now))) return null
  return tx.accounts.findById(token.accountId)
}
