// The account fields of a synced person (S2, A2, A17): names, phone and language in one update,
// the email like `accounts.changeEmail` does it (A5, A7, A11; unique). Only for an account sync
// created and that belongs to no other org — the caller checks that.
import { type Account, emailKey } from '../../domain/account.js'
import { diffFields, type FieldChange } from '../../domain/audit-event.js'
import type { LinkedRecord, ManagedField } from '../../domain/connection.js'
import { switchEmail } from '../../use-cases/accounts/change-email.js'
import { profileChanges, profilePatch } from '../account-edit.js'
import { mailActivationLink } from '../activation-link.js'
import { type BatchContext, type PersonOutcome, stopBatch } from './context.js'

const ACCOUNT_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'language'] as const
/** @internal The managed fields that live on the account rather than the membership. */
export type AccountField = (typeof ACCOUNT_FIELDS)[number]

export function isAccountField(field: ManagedField): field is AccountField {
  return (ACCOUNT_FIELDS as readonly string[]).includes(field)
}

type AccountFieldsOutcome =
  | { kind: 'ok'; changes: Record<string, FieldChange>; emailChanged: boolean }
  | Extract<PersonOutcome, { kind: 'error' | 'stop' }>

/**
 * Writes the account fields the source changed: names, phone, language in one update, the email like
 * `accounts.changeEmail` does (A5, A7, A11; unique). A refused email leaves the person unchanged.
 */
export async function applyAccountFields(
  b: BatchContext,
  account: Account,
  record: LinkedRecord,
  fields: readonly AccountField[],
): Promise<AccountFieldsOutcome> {
  const newEmail = fields.includes('email') && record.email !== account.email ? record.email : undefined
  if (newEmail !== undefined) {
    const refused = await newEmailRefused(b, account, newEmail)
    if (refused) return refused
  }
  const profile = await updateProfile(b, account, record, fields)
  if (profile.kind === 'error') return profile
  if (newEmail !== undefined) {
    const switched = await switchSyncedEmail(b, profile.account, newEmail)
    if (switched) return switched
  }
  return { kind: 'ok', changes: profile.changes, emailChanged: newEmail !== undefined }
}

/** A11 and uniqueness, checked before anything is written. Only a different key needs checking. */
async function newEmailRefused(
  b: BatchContext,
  account: Account,
  newEmail: string,
): Promise<Extract<PersonOutcome, { kind: 'error' }> | null> {
  const key = emailKey(newEmail)
  if (key === account.emailKey) return null
  if (await b.w.tx.blocklist.isBlocked(key)) {
    return { kind: 'error', code: 'EMAIL_BLOCKED', message: 'The new email is on the blocklist.', seen: true }
  }
  const holder = await b.w.tx.accounts.findByEmail(key)
  if (holder && holder.id !== account.id) {
    return {
      kind: 'error',
      code: 'EMAIL_TAKEN',
      message: 'Another account already uses the new email.',
      seen: true,
    }
  }
  return null
}

/** Names, phone and language in one update; the account as it is afterwards, and what changed. */
async function updateProfile(
  b: BatchContext,
  account: Account,
  record: LinkedRecord,
  fields: readonly AccountField[],
): Promise<
  | { kind: 'ok'; account: Account; changes: Record<string, FieldChange> }
  | Extract<PersonOutcome, { kind: 'error' }>
> {
  const { w } = b
  const changed = profileChanges(account, {
    ...(fields.includes('firstName') ? { firstName: record.firstName } : {}),
    ...(fields.includes('lastName') ? { lastName: record.lastName } : {}),
    ...(fields.includes('phone') ? { phone: record.phone } : {}),
    // A source without a language leaves the person's own choice alone.
    ...(fields.includes('language') && record.language !== null ? { language: record.language } : {}),
  })
  const changes = diffFields<Account>(account, changed)
  if (Object.keys(changes).length === 0) return { kind: 'ok', account, changes }
  const updated = await w.tx.accounts.update(account.id, profilePatch(changed, w.now))
  if (updated.status !== 'updated') {
    return { kind: 'error', code: 'ACCOUNT_NOT_FOUND', message: 'The account changed meanwhile.', seen: true }
  }
  w.emit('account.updated', { accountId: account.id, fields: Object.keys(changes), actor: w.actor })
  return { kind: 'ok', account: updated.account, changes }
}

/**
 * Switches the email (audited as `account.email-changed`, the links mailed to the old address
 * revoked) and tells the person: a fresh activation link to a pending account's new address (A5),
 * otherwise a notice to the old one (A7). A stop when a concurrent writer got in first.
 */
async function switchSyncedEmail(
  b: BatchContext,
  current: Account,
  newEmail: string,
): Promise<Extract<PersonOutcome, { kind: 'stop' }> | null> {
  const { ctx, w } = b
  const switched = await switchEmail(w, current, newEmail, b.connection.orgId)
  if (switched.isErr()) {
    // Checked above inside this transaction, so only a concurrent writer gets here: undo the batch
    // (the profile update is in it) and let the next run try again.
    return stopBatch(
      'conflict',
      `The new email of account ${current.id} was refused meanwhile (${switched.error.code}).`,
    )
  }
  // Only the case changed: the same address, nobody to tell.
  if (emailKey(newEmail) === current.emailKey) return null
  if (switched.value.status === 'pending_activation') {
    // A5: the old address may never have been theirs; a fresh link goes to the new one.
    await mailActivationLink(ctx, w, switched.value, b.org)
    return null
  }
  await w.mail({
    orgId: b.connection.orgId,
    to: current.email,
    template: 'email-changed-notice',
    language: current.language,
    data: {
      orgName: b.org.name,
      firstName: current.firstName,
      lastName: current.lastName,
      oldEmail: current.email,
      newEmail,
    },
  })
  return null
}
