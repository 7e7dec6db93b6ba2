// Reconciling a listed person the connection already knows (S2): nothing changed (no write), what
// changed in the source since the last run applied, a person listed `active: false` disabled (or
// removed), or — when the link outlived its membership — added again (the source wins). Checks come
// before writes, and the few writes that can collide are typed outcomes, so a person who fails
// leaves nothing behind and the rest of the batch goes on.
import { diffFields, type FieldChange } from '../../domain/audit-event.js'
import {
  type ConnectionLink,
  type LinkedRecord,
  linkedRecordOf,
  MANAGEABLE_FIELDS,
  type ManagedField,
  type ParsedDirectoryPerson,
} from '../../domain/connection.js'
import type { Membership } from '../../domain/membership.js'
import { removeMembership } from '../member-removal.js'
import { type BatchContext, type PersonOutcome, personError } from './context.js'
import { applyAccountFields, isAccountField } from './person-account-fields.js'
import { addPerson } from './person-add.js'
import { disableSyncedMember } from './person-missing.js'

/** Reconciles one listed person (valid input) with their link, if any. */
export async function syncPerson(
  b: BatchContext,
  person: ParsedDirectoryPerson,
  link: ConnectionLink | undefined,
): Promise<PersonOutcome> {
  if (!link) return addPerson(b, person)
  if (link.lastSeenRun === b.run) {
    return personError('VALIDATION', 'This externalId is listed more than once by the source.', false)
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
    await saveLink(b, link, record, fields)
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

/** What an update changed: audited field changes, and the field names its event lists. */
interface Changed {
  changes: Record<string, FieldChange>
  fields: string[]
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

  const onAccount = await updateSyncedAccount(b, link, record, changedInSource)
  if ('kind' in onAccount) return onAccount
  const onMembership = await updateSyncedMembership(b, link, membership, record, changedInSource, reEnable)
  await saveLink(b, link, record, fields)

  const changes = { ...onAccount.changes, ...onMembership.changes }
  const emitted = [...onAccount.fields, ...onMembership.fields]
  if (emitted.length === 0) return { kind: 'unchanged', seen: false }
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
  if (onMembership.changes.status)
    w.emit('member.enabled', { orgId, accountId: link.accountId, actor: w.actor })
  return { kind: 'updated' }
}

/**
 * The account fields the source changed — only for an account sync created, and only while it
 * belongs to no other org (A2: an existing person's profile is never overwritten; A17: nor is a
 * shared identity). A new email is audited on its own (`account.email-changed`, like
 * `accounts.changeEmail`), so it is in the event's fields but not in `changes`.
 */
async function updateSyncedAccount(
  b: BatchContext,
  link: ConnectionLink,
  record: LinkedRecord,
  changedInSource: readonly ManagedField[],
): Promise<Changed | Extract<PersonOutcome, { kind: 'error' | 'stop' }>> {
  const none: Changed = { changes: {}, fields: [] }
  const accountFields = changedInSource.filter(isAccountField)
  if (accountFields.length === 0 || !link.ownsAccount) return none
  const account = await b.w.tx.accounts.findById(link.accountId)
  if (!account || (await b.w.tx.memberships.listForAccount(account.id)).length !== 1) return none
  const applied = await applyAccountFields(b, account, record, accountFields)
  if (applied.kind !== 'ok') return applied
  const fields = Object.keys(applied.changes)
  return { changes: applied.changes, fields: applied.emailChanged ? [...fields, 'email'] : fields }
}

/** The membership's title from the source, and its status back when sync had disabled it. */
async function updateSyncedMembership(
  b: BatchContext,
  link: ConnectionLink,
  membership: Membership,
  record: LinkedRecord,
  changedInSource: readonly ManagedField[],
  reEnable: boolean,
): Promise<Changed> {
  const { w } = b
  const patch: Partial<Pick<Membership, 'title' | 'status'>> = {}
  if (changedInSource.includes('title') && record.title !== membership.title) patch.title = record.title
  if (reEnable) {
    const account = await w.tx.accounts.findById(link.accountId)
    patch.status = account?.status === 'pending_activation' ? 'invited' : 'active'
  }
  const changes = diffFields<Membership>(membership, patch)
  if (Object.keys(changes).length === 0) return { changes, fields: [] }
  await w.tx.memberships.update(membership.orgId, link.accountId, { ...patch, updatedAt: w.now })
  return { changes, fields: Object.keys(changes) }
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
