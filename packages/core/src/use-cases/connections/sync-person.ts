// The reconciliation of one person (S2), inside the transaction of their batch. Checks come before
// writes, and the few writes that can collide are typed outcomes, so a person who fails leaves
// nothing behind and the rest of the batch goes on.
import type { RosterContext } from '../../context.js'
import { type Account, emailKey, newAccount } from '../../domain/account.js'
import { diffFields, type FieldChange } from '../../domain/audit-event.js'
import {
  type Connection,
  type ConnectionLink,
  type LinkedRecord,
  type ManagedField,
  MANAGEABLE_FIELDS,
  linkedRecordOf,
  type ParsedDirectoryPerson,
} from '../../domain/connection.js'
import { grantKey, type StoredGrant, toStoredGrant } from '../../domain/grant.js'
import type { Membership } from '../../domain/membership.js'
import type { Organization } from '../../domain/organization.js'
import type { RosterErrorCode } from '../../errors.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { removeMembership } from '../../internal/member-removal.js'
import type { WriteScope } from '../../internal/transaction.js'
import type { AccountPatch, LinkScope } from '../../ports/storage.js'
import { switchEmail } from '../accounts/change-email.js'

/** What happened to one person. `seen`: the link still needs its `lastSeenRun` set (bulk `markSeen`). */
export type PersonOutcome =
  | { kind: 'added' | 'updated' | 'disabled' | 'removed'; seen?: false }
  | { kind: 'unchanged'; seen: boolean }
  | { kind: 'error'; code: RosterErrorCode; message: string; seen: boolean }

/** What a batch shares: the connection as of this batch, its host org and the run. */
export interface BatchContext {
  ctx: RosterContext
  w: WriteScope
  connection: Connection
  org: Organization
  run: number
  scope: LinkScope
}

const ACCOUNT_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'language'] as const
type AccountField = (typeof ACCOUNT_FIELDS)[number]

function failure(code: RosterErrorCode, message: string, seen: boolean): PersonOutcome {
  return { kind: 'error', code, message, seen }
}

/** Reconciles one listed person (valid input) with their link, if any. */
export async function syncPerson(
  b: BatchContext,
  person: ParsedDirectoryPerson,
  link: ConnectionLink | undefined,
): Promise<PersonOutcome> {
  if (!link) return addPerson(b, person)
  if (link.lastSeenRun === b.run) {
    return failure('VALIDATION', 'This externalId is listed more than once by the source.', false)
  }
  const { record, fields } = linkedRecordOf(person)
  // Nothing changed in the source since the last run: no read, no write (the batch marks it seen).
  // The membership is still there — deleting it deletes the link (storage contract).
  if (sameLink(link, record, fields)) return { kind: 'unchanged', seen: true }
  const membership = await b.w.tx.memberships.find(b.connection.orgId, link.accountId)
  if (!membership || membership.source !== b.connection.id) {
    // The link outlived its membership (an adapter without the cascade): start over.
    await b.w.tx.connectionLinks.delete(b.scope, link.externalId)
    return addPerson(b, person)
  }
  if (!record.active) return deactivate(b, link, membership, record, fields)
  return updatePerson(b, link, membership, record, fields)
}

/** A person the connection does not know yet: attach their account (A2) or create one (A3). */
export async function addPerson(b: BatchContext, person: ParsedDirectoryPerson): Promise<PersonOutcome> {
  const { w, connection } = b
  const { record } = linkedRecordOf(person)
  // Listed but inactive, and never synced: nothing to keep in step.
  if (!record.active) return { kind: 'unchanged', seen: false }

  const key = emailKey(record.email)
  if (await w.tx.blocklist.isBlocked(key)) {
    return failure('EMAIL_BLOCKED', 'Mail to this address bounced or was reported; it cannot be used.', false)
  }
  let account =
    connection.kind === 'organization'
      ? await w.tx.accounts.findById(person.externalId)
      : await w.tx.accounts.findByEmail(key)
  if (!account && connection.kind === 'organization') {
    return failure('ACCOUNT_NOT_FOUND', 'The account of this member no longer exists.', false)
  }
  if (account) {
    const existing = await w.tx.memberships.find(connection.orgId, account.id)
    if (existing?.source === connection.id) {
      return failure('EMAIL_TAKEN', 'Another person listed by this source has the same email.', false)
    }
    if (existing) {
      return failure(
        'ALREADY_MEMBER',
        existing.source === 'local'
          ? 'This person is already a member of the organization (added there, not by this source).'
          : 'This person is already a member of the organization through another connection.',
        false,
      )
    }
  }

  let created = false
  if (!account) {
    const candidate = newAccountFor(b, record)
    const inserted = await w.tx.accounts.insert(candidate)
    if (inserted.status === 'conflict') {
      return inserted.field === 'username'
        ? failure('USERNAME_TAKEN', 'Another account already uses this email as its username.', false)
        : failure(
            'EMAIL_TAKEN',
            'Another account took this email meanwhile; the next run attaches it.',
            false,
          )
    }
    account = candidate
    created = true
  }

  const { membership, grant } = guestMembershipFor(b, account, record)
  const insertedMembership = await w.tx.memberships.insert(membership, [grant])
  if (insertedMembership.status === 'exists') {
    // Only reachable for an attached account (a new one has no membership): nothing was written.
    return failure('ALREADY_MEMBER', 'This person became a member of the organization meanwhile.', false)
  }
  const insertedLink = await w.tx.connectionLinks.insert(linkFor(b, person, account.id, created))
  if (insertedLink.status === 'conflict') {
    // The run holds the connection's lease and checked both keys above: a conflict means another
    // writer broke the lease. Undo the batch rather than leave a membership without its link.
    throw new Error(`sync: link ${insertedLink.field} conflict on connection ${connection.id}`)
  }
  return announceAdded(b, account, membership, grant, created)
}

/** A new account for a listed person (A3): pending activation, the email as its username. */
export function newAccountFor(b: BatchContext, record: LinkedRecord): Account {
  const { ctx, w } = b
  return newAccount({
    id: ctx.ids(),
    email: record.email,
    firstName: record.firstName,
    lastName: record.lastName,
    phone: record.phone,
    language: record.language,
    now: w.now,
  })
}

/**
 * The guest membership of a synced person with its `member` grant. The source vouches for the
 * person: an existing active account is in at once (no invitation to accept, which a declining
 * person would get again on every run); a new one once activated (A8).
 */
export function guestMembershipFor(
  b: BatchContext,
  account: Account,
  record: LinkedRecord,
): { membership: Membership; grant: StoredGrant } {
  const { ctx, w, connection } = b
  const membership: Membership = {
    id: ctx.ids(),
    orgId: connection.orgId,
    accountId: account.id,
    type: 'guest',
    status: account.status === 'pending_activation' ? 'invited' : 'active',
    departmentId: null,
    title: record.title,
    source: connection.id,
    createdAt: w.now,
    updatedAt: w.now,
  }
  return {
    membership,
    grant: toStoredGrant(connection.orgId, account.id, { roleId: 'member', scope: 'org' }),
  }
}

/** The link of a person just added, seen by this run. */
export function linkFor(
  b: BatchContext,
  person: ParsedDirectoryPerson,
  accountId: string,
  ownsAccount: boolean,
): ConnectionLink {
  const { record, fields } = linkedRecordOf(person)
  return {
    orgId: b.connection.orgId,
    connectionId: b.connection.id,
    externalId: person.externalId,
    accountId,
    lastSeenRun: b.run,
    record,
    managedFields: fields,
    ownsAccount,
    missingSince: null,
    createdAt: b.w.now,
    updatedAt: b.w.now,
  }
}

/**
 * What follows the rows of an added person: the activation mail of a new account (A3), the audit
 * row and the event. Writes only appends (tokens, audit, outbox), so a batch can run it per person
 * after its bulk inserts.
 */
export async function announceAdded(
  b: BatchContext,
  account: Account,
  membership: Membership,
  grant: StoredGrant,
  created: boolean,
): Promise<PersonOutcome> {
  const { ctx, w, connection } = b
  if (created) await mailActivationLink(ctx, w, account, b.org, { newAccount: true })
  await w.audit({
    orgId: connection.orgId,
    action: 'member.added',
    targetType: 'account',
    targetId: account.id,
    changes: {
      type: { after: 'guest' },
      status: { after: membership.status },
      source: { after: connection.id },
      grants: { after: [grantKey(grant)] },
      ...(created ? { account: { after: 'created' } } : {}),
    },
  })
  w.emit('member.added', { orgId: connection.orgId, accountId: account.id, actor: w.actor })
  return { kind: 'added' }
}

/** A listed person marked `active: false`: their membership is disabled (or removed, by policy). */
async function deactivate(
  b: BatchContext,
  link: ConnectionLink,
  membership: Membership,
  record: LinkedRecord,
  fields: ManagedField[],
): Promise<PersonOutcome> {
  if (b.connection.onMissing === 'remove') {
    await removeMembership(b.w, membership)
    await b.w.tx.connectionLinks.delete(b.scope, link.externalId)
    return { kind: 'removed' }
  }
  const changed = membership.status !== 'disabled'
  if (changed) await disableSyncedMember(b, membership)
  if (changed || !sameLink(link, record, fields)) {
    await b.w.tx.connectionLinks.update(b.scope, link.externalId, {
      record,
      managedFields: fields,
      lastSeenRun: b.run,
      missingSince: null,
      updatedAt: b.w.now,
    })
    return changed ? { kind: 'disabled' } : { kind: 'unchanged', seen: false }
  }
  return { kind: 'unchanged', seen: true }
}

function sameLink(link: ConnectionLink, record: LinkedRecord, fields: readonly ManagedField[]): boolean {
  return (
    link.missingSince === null &&
    MANAGEABLE_FIELDS.every((field) => link.record[field] === record[field]) &&
    link.record.active === record.active &&
    link.managedFields.length === fields.length &&
    link.managedFields.every((field, i) => field === fields[i])
  )
}

/**
 * A listed, active person the connection knows: apply what changed in the source since the last
 * run (not what differs from the account — the person may have edited their own profile since, and
 * that stays theirs until the source changes the field again).
 */
async function updatePerson(
  b: BatchContext,
  link: ConnectionLink,
  membership: Membership,
  record: LinkedRecord,
  fields: ManagedField[],
): Promise<PersonOutcome> {
  const { w, connection } = b
  const orgId = connection.orgId
  // Re-enable only what sync disabled: a member the host disabled by hand stays disabled.
  const reEnable = membership.status === 'disabled' && (link.missingSince !== null || !link.record.active)
  const changedInSource = fields.filter((field) => record[field] !== link.record[field])
  if (!reEnable && changedInSource.length === 0) {
    if (sameLink(link, record, fields)) return { kind: 'unchanged', seen: true }
    await saveLink(b, link, record, fields)
    return { kind: 'unchanged', seen: false }
  }

  const changes: Record<string, FieldChange> = {}
  const emitted: string[] = []
  let emailChanged = false

  // Account fields: only for an account sync created, and only while it belongs to no other org
  // (A2: an existing person's profile is never overwritten; A17: nor is a shared identity).
  const accountFields = changedInSource.filter((field): field is AccountField =>
    (ACCOUNT_FIELDS as readonly string[]).includes(field),
  )
  if (accountFields.length > 0 && link.ownsAccount) {
    const account = await w.tx.accounts.findById(link.accountId)
    const orgs = account ? await w.tx.memberships.listForAccount(account.id) : []
    if (account && orgs.length === 1) {
      const applied = await applyAccountFields(b, account, record, accountFields)
      if (applied.kind === 'error') return applied
      Object.assign(changes, applied.changes)
      emitted.push(...Object.keys(applied.changes))
      // Audited on its own as `account.email-changed`, like `accounts.changeEmail`.
      if (applied.emailChanged) {
        emailChanged = true
        emitted.push('email')
      }
    }
  }

  // Membership fields and status.
  const patch: Partial<Pick<Membership, 'title' | 'status'>> = {}
  if (changedInSource.includes('title') && record.title !== membership.title) patch.title = record.title
  if (reEnable) {
    const account = await w.tx.accounts.findById(link.accountId)
    patch.status = account?.status === 'pending_activation' ? 'invited' : 'active'
  }
  const membershipChanges = diffFields<Membership>(membership, patch)
  if (Object.keys(membershipChanges).length > 0) {
    await w.tx.memberships.update(orgId, link.accountId, { ...patch, updatedAt: w.now })
    Object.assign(changes, membershipChanges)
    emitted.push(...Object.keys(membershipChanges))
  }

  await saveLink(b, link, record, fields)
  if (Object.keys(changes).length === 0 && !emailChanged) return { kind: 'unchanged', seen: false }
  if (Object.keys(changes).length > 0) {
    await w.audit({
      orgId,
      action: 'member.updated',
      targetType: 'account',
      targetId: link.accountId,
      changes,
    })
  }
  w.emit('member.updated', { orgId, accountId: link.accountId, fields: emitted, actor: w.actor })
  if (membershipChanges.status) w.emit('member.enabled', { orgId, accountId: link.accountId, actor: w.actor })
  return { kind: 'updated' }
}

async function saveLink(
  b: BatchContext,
  link: ConnectionLink,
  record: LinkedRecord,
  fields: ManagedField[],
): Promise<void> {
  await b.w.tx.connectionLinks.update(b.scope, link.externalId, {
    record,
    managedFields: fields,
    lastSeenRun: b.run,
    missingSince: null,
    updatedAt: b.w.now,
  })
}

/**
 * Writes the account fields the source changed: names, phone, language in one update, the email like
 * `accounts.changeEmail` does (A5, A7, A11; unique). A refused email leaves the person unchanged.
 */
async function applyAccountFields(
  b: BatchContext,
  account: Account,
  record: LinkedRecord,
  fields: readonly AccountField[],
): Promise<
  | { kind: 'ok'; changes: Record<string, FieldChange>; emailChanged: boolean }
  | Extract<PersonOutcome, { kind: 'error' }>
> {
  const { ctx, w } = b
  const newEmail = fields.includes('email') && record.email !== account.email ? record.email : undefined
  const key = newEmail !== undefined ? emailKey(newEmail) : account.emailKey
  if (newEmail !== undefined && key !== account.emailKey) {
    if (await w.tx.blocklist.isBlocked(key)) {
      return {
        kind: 'error',
        code: 'EMAIL_BLOCKED',
        message: 'The new email is on the blocklist.',
        seen: true,
      }
    }
    const holder = await w.tx.accounts.findByEmail(key)
    if (holder && holder.id !== account.id) {
      return {
        kind: 'error',
        code: 'EMAIL_TAKEN',
        message: 'Another account already uses the new email.',
        seen: true,
      }
    }
  }

  const profile: Partial<Pick<Account, 'firstName' | 'lastName' | 'phone' | 'language'>> = {}
  if (fields.includes('firstName')) profile.firstName = record.firstName
  if (fields.includes('lastName')) profile.lastName = record.lastName
  if (fields.includes('phone')) profile.phone = record.phone
  if (fields.includes('language') && record.language !== null) profile.language = record.language
  const changes = diffFields<Account>(account, profile)
  let current = account
  if (Object.keys(changes).length > 0) {
    const patch: AccountPatch = {}
    for (const field of Object.keys(changes))
      Object.assign(patch, { [field]: profile[field as keyof typeof profile] })
    const updated = await w.tx.accounts.update(account.id, { ...patch, updatedAt: w.now })
    if (updated.status !== 'updated') {
      return {
        kind: 'error',
        code: 'ACCOUNT_NOT_FOUND',
        message: 'The account changed meanwhile.',
        seen: true,
      }
    }
    current = updated.account
    w.emit('account.updated', { accountId: account.id, fields: Object.keys(changes), actor: w.actor })
  }

  if (newEmail !== undefined) {
    // Audits `account.email-changed` and revokes the links mailed to the old address.
    const switched = await switchEmail(w, current, newEmail, b.connection.orgId)
    if (switched.isErr()) {
      // Checked above inside this transaction, so only a concurrent writer gets here: undo the batch.
      throw new Error(`sync: could not switch the email of account ${account.id}: ${switched.error.code}`)
    }
    if (key !== current.emailKey) {
      if (switched.value.status === 'pending_activation') {
        // A5: the old address may never have been theirs; a fresh link goes to the new one.
        await mailActivationLink(ctx, w, switched.value, b.org)
      } else {
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
      }
    }
  }
  return { kind: 'ok', changes, emailChanged: newEmail !== undefined }
}

/** A person the source no longer lists, after a complete pass: disable (or remove) their membership. */
export async function syncMissing(
  b: BatchContext,
  link: ConnectionLink,
): Promise<'disabled' | 'removed' | 'none'> {
  const membership = await b.w.tx.memberships.find(b.connection.orgId, link.accountId)
  if (!membership || membership.source !== b.connection.id) {
    await b.w.tx.connectionLinks.delete(b.scope, link.externalId)
    return 'none'
  }
  if (b.connection.onMissing === 'remove') {
    await removeMembership(b.w, membership)
    await b.w.tx.connectionLinks.delete(b.scope, link.externalId)
    return 'removed'
  }
  const changed = membership.status !== 'disabled'
  if (changed) await disableSyncedMember(b, membership)
  await b.w.tx.connectionLinks.update(b.scope, link.externalId, { missingSince: b.w.now, updatedAt: b.w.now })
  return changed ? 'disabled' : 'none'
}

/** Disables a synced membership (A12: roles, seats and numbers stay for re-enabling). */
export async function disableSyncedMember(
  b: Pick<BatchContext, 'w'>,
  membership: Membership,
  extra: Partial<Pick<Membership, 'source'>> = {},
): Promise<void> {
  const { w } = b
  await w.tx.memberships.update(membership.orgId, membership.accountId, {
    status: 'disabled',
    ...extra,
    updatedAt: w.now,
  })
  await w.audit({
    orgId: membership.orgId,
    action: 'member.disabled',
    targetType: 'account',
    targetId: membership.accountId,
    changes: {
      status: { before: membership.status, after: 'disabled' },
      ...(extra.source !== undefined ? { source: { before: membership.source, after: extra.source } } : {}),
    },
  })
  w.emit('member.disabled', { orgId: membership.orgId, accountId: membership.accountId, actor: w.actor })
}
