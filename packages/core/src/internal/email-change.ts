import type { RosterContext } from '../context.js'
import { type Account, emailKey } from '../domain/account.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import { durationMs } from '../policy.js'
import { mailActivationLink } from './activation-link.js'
import type { WriteScope } from './transaction.js'

/**
 * @internal The org an email-change mail is sent for: `id` files the mail and its audit event
 * (`null`: no org); `name`, when given, is named in the mail.
 */
export interface EmailChangeOrg {
  id: string | null
  name?: string
}

/**
 * @internal Why an account may not move to `email` (A7, A11): `EMAIL_BLOCKED` for a blocklisted
 * address, `EMAIL_TAKEN` when another account holds it; `null` when it may. Checked before
 * anything is written.
 */
export async function emailChangeRefused(
  repos: StorageRepositories,
  accountId: string,
  email: string,
): Promise<RosterError<'EMAIL_BLOCKED' | 'EMAIL_TAKEN'> | null> {
  const key = emailKey(email)
  if (await repos.blocklist.isBlocked(key)) return rosterError('EMAIL_BLOCKED', { details: { email } })
  const holder = await repos.accounts.findByEmail(key)
  if (holder && holder.id !== accountId) return rosterError('EMAIL_TAKEN', { details: { email } })
  return null
}

/**
 * @internal A7 with `policy.emailChange = 'verify'`: mails an `email-change-confirm` link to the
 * new address, audits and emits `account.email-change-requested`; the account keeps its email
 * until the link is used (`accounts.confirmEmail`).
 */
export async function requestEmailChange(
  ctx: RosterContext,
  w: WriteScope,
  account: Account,
  email: string,
  org: EmailChangeOrg,
): Promise<void> {
  await w.mail({
    orgId: org.id,
    to: email,
    template: 'email-change-confirm',
    language: account.language,
    data: {
      ...(org.name !== undefined ? { orgName: org.name } : {}),
      firstName: account.firstName,
      lastName: account.lastName,
      newEmail: email,
    },
    link: { accountId: account.id, email, ttlMs: durationMs(ctx.policy.resetTtl), revokeOlder: true },
  })
  await w.audit({
    orgId: org.id,
    action: 'account.email-change-requested',
    targetType: 'account',
    targetId: account.id,
    changes: { email: { before: account.email, after: email } },
  })
  w.emit('account.email-change-requested', { accountId: account.id, actor: w.actor })
}

/**
 * @internal Tells the owner their email switched from `previous.email` (A7): an
 * `email-changed-notice` to the old address.
 */
export async function mailEmailChangedNotice(
  w: WriteScope,
  previous: Account,
  newEmail: string,
  org: EmailChangeOrg,
): Promise<void> {
  await w.mail({
    orgId: org.id,
    to: previous.email,
    template: 'email-changed-notice',
    language: previous.language,
    data: {
      ...(org.name !== undefined ? { orgName: org.name } : {}),
      firstName: previous.firstName,
      lastName: previous.lastName,
      oldEmail: previous.email,
      newEmail,
    },
  })
}

/**
 * @internal After an email switched at once (A5, A7): a pending account gets a fresh activation
 * link at the new address (the old one may have been a typo); an active one an
 * `email-changed-notice` at the old address. Nothing when only the way it is written changed: it is
 * the same mailbox.
 */
export async function announceEmailSwitch(
  ctx: RosterContext,
  w: WriteScope,
  previous: Account,
  switched: Account,
  org: EmailChangeOrg,
): Promise<void> {
  if (switched.emailKey === previous.emailKey) return
  if (switched.status === 'pending_activation') {
    const named = org.id !== null && org.name !== undefined ? { id: org.id, name: org.name } : undefined
    await mailActivationLink(ctx, w, switched, named)
  } else {
    await mailEmailChangedNotice(w, previous, switched.email, org)
  }
}
