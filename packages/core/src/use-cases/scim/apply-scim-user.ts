// Applying what a SCIM PUT or PATCH says a user now is (SC3, SC5): the changes since what the IdP
// last sent, field by field — account fields only for an account this connection created and that
// belongs to no other org (A2, A17), membership fields always, `active` as disable/enable (A12).
import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import { diffFields, type FieldChange } from '../../domain/audit-event.js'
import type { LinkedRecord } from '../../domain/connection.js'
import type { Membership } from '../../domain/membership.js'
import { scimKey, type ScimUser } from '../../domain/scim.js'
import { type RosterError, type RosterErrorCode, rosterError } from '../../errors.js'
import type { BatchContext } from '../../internal/sync/context.js'
import { type AccountField, applyAccountFields } from '../../internal/sync/person-account-fields.js'
import type { WriteScope } from '../../internal/transaction.js'
import { StorageConflictError } from '../../ports/storage.js'
import {
  departmentNamed,
  manageFields,
  type ParsedScimUserFields,
  providedFields,
  type ScimRequestScope,
  soleOrg,
  storedAttributes,
  toScimUserView,
} from './user-shared.js'

export type ApplyScimUserError = RosterError<
  'ALREADY_MEMBER' | 'EMAIL_BLOCKED' | 'EMAIL_TAKEN' | 'ACCOUNT_NOT_FOUND' | 'CONFLICT' | 'NOT_FOUND'
>

/**
 * @internal Brings a SCIM user and its membership to `fields`. With `ifVersion` (If-Match), a
 * stored version other than that one is `CONFLICT` (`details.reason: 'version'`); without it, a
 * concurrent change makes the transaction run again on fresh reads.
 */
export async function applyScimUser(
  ctx: RosterContext,
  w: WriteScope,
  s: ScimRequestScope,
  user: ScimUser,
  membership: Membership,
  fields: ParsedScimUserFields,
  options: { ifVersion?: number } = {},
): Promise<Result<ScimUser, ApplyScimUserError>> {
  const { scope, connection, access } = s
  if (options.ifVersion !== undefined && options.ifVersion !== user.version) return err(versionMismatch())
  const before = toScimUserView(user)
  const changes: Record<string, FieldChange> = {}

  // Account fields: only what the IdP changed since it last sent them.
  const accountFields = (['email', 'firstName', 'lastName', 'phone', 'language'] as const).filter(
    (field) => (fields[field] ?? null) !== before[field],
  )
  if (accountFields.length > 0 && user.ownsAccount) {
    const account = await w.tx.accounts.findById(user.accountId)
    if (account && (await soleOrg(w.tx, account, scope.orgId))) {
      const b: BatchContext = { ctx, w, connection, org: access.org, run: 0, scope }
      const applied = await applyAccountFields(b, account, recordOf(fields), accountFields as AccountField[])
      if (applied.kind === 'error') {
        return err(
          rosterError(applied.code as 'EMAIL_TAKEN', {
            message: applied.message,
          }) as RosterError<'EMAIL_TAKEN'>,
        )
      }
      if (applied.kind === 'stop') {
        throw new StorageConflictError('constraint', applied.stop.message)
      }
      Object.assign(changes, applied.changes)
    }
  }

  // Membership fields, and `active` as the membership's status (A12: grants and seats stay).
  const patch: Partial<Pick<Membership, 'title' | 'departmentId' | 'status'>> = {}
  if ((fields.title ?? null) !== before.title) patch.title = fields.title ?? null
  if ((fields.department ?? null) !== before.department) {
    patch.departmentId = fields.department
      ? (await departmentNamed(ctx, w, scope.orgId, fields.department)).id
      : null
  }
  if (!fields.active && membership.status !== 'disabled') patch.status = 'disabled'
  if (fields.active && membership.status === 'disabled' && !user.active) {
    // Re-enable only what SCIM disabled: a member the org disabled by hand stays disabled.
    const account = await w.tx.accounts.findById(user.accountId)
    patch.status = account?.status === 'pending_activation' ? 'invited' : 'active'
  }
  const membershipChanges = diffFields<Membership>(membership, patch)
  if (Object.keys(membershipChanges).length > 0) {
    await w.tx.memberships.update(scope.orgId, user.accountId, { ...patch, updatedAt: w.now })
    Object.assign(changes, membershipChanges)
  }

  const stored = {
    userName: fields.userName,
    externalId: fields.externalId ?? null,
    active: fields.active,
    attributes: storedAttributes(fields),
  }
  // The same push again (IdPs resend on every sync) writes nothing: the version, and so the ETag
  // and lastModified, stay as they were, and there is nothing to audit.
  if (
    Object.keys(changes).length === 0 &&
    stored.userName === user.userName &&
    stored.externalId === user.externalId &&
    stored.active === user.active &&
    sameJson(stored.attributes, user.attributes)
  ) {
    return ok(user)
  }
  const updated = await w.tx.scimUsers.update(
    scope,
    user.accountId,
    {
      ...stored,
      userNameKey: scimKey(fields.userName),
      updatedAt: w.now,
    },
    { ifVersion: user.version },
  )
  if (updated.status === 'conflict') return err(userNameConflict(fields.userName))
  if (updated.status === 'not-found') {
    return err(rosterError('NOT_FOUND', { details: { entity: 'scim-user', id: user.accountId } }))
  }
  if (updated.status === 'version-mismatch') {
    if (options.ifVersion !== undefined) return err(versionMismatch())
    // Another request changed this user since it was read: run again on fresh reads.
    throw new StorageConflictError('serialization', `SCIM user ${user.accountId} changed concurrently`)
  }
  await manageFields(w.tx, connection, providedFields(fields), w.now)

  const orgId = scope.orgId
  const accountId = user.accountId
  if (patch.status === 'disabled') {
    await w.audit({ orgId, action: 'member.disabled', targetType: 'account', targetId: accountId, changes })
    w.emit('member.disabled', { orgId, accountId, actor: w.actor })
  } else if (patch.status !== undefined) {
    await w.audit({ orgId, action: 'member.enabled', targetType: 'account', targetId: accountId, changes })
    w.emit('member.enabled', { orgId, accountId, actor: w.actor })
  } else if (Object.keys(changes).length > 0) {
    await w.audit({ orgId, action: 'member.updated', targetType: 'account', targetId: accountId, changes })
    w.emit('member.updated', { orgId, accountId, fields: Object.keys(changes), actor: w.actor })
  }
  return ok(updated.user)
}

function recordOf(fields: ParsedScimUserFields): LinkedRecord {
  return {
    email: fields.email,
    firstName: fields.firstName,
    lastName: fields.lastName,
    phone: fields.phone ?? null,
    language: fields.language ?? null,
    title: fields.title ?? null,
    active: fields.active,
  }
}

/** Equal JSON values, whatever the order of object keys (jsonb stores them in its own order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]))
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = Object.keys(x).filter((key) => x[key] !== undefined)
  return (
    keys.length === Object.keys(y).filter((key) => y[key] !== undefined).length &&
    keys.every((key) => Object.hasOwn(y, key) && sameJson(x[key], y[key]))
  )
}

function versionMismatch(): RosterError<'CONFLICT'> {
  return rosterError('CONFLICT', {
    message: 'The user changed since the version given (If-Match).',
    details: { reason: 'version' },
  })
}

function userNameConflict(userName: string): RosterError<'ALREADY_MEMBER'> {
  return rosterError('ALREADY_MEMBER', {
    message: `A user with the userName "${userName}" already exists.`,
    details: { reason: 'userName', userName },
  })
}

export type { RosterErrorCode }
