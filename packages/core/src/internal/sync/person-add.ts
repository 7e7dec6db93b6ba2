// Adding a person the connection does not know yet (S2): attach their account by email (A2) or
// create one (A3), give them a guest membership managed by the connection, link them, and announce
// it (activation mail, audit, event). The bulk path (person-add-bulk.ts) builds its rows with the
// same functions.
import type { Account } from '../../domain/account.js'
import { emailKey, newAccount } from '../../domain/account.js'
import {
  type ConnectionLink,
  type LinkedRecord,
  linkedRecordOf,
  type ParsedDirectoryPerson,
} from '../../domain/connection.js'
import { grantKey, type StoredGrant, toStoredGrant } from '../../domain/grant.js'
import type { Membership } from '../../domain/membership.js'
import { mailActivationLink } from '../activation-link.js'
import { type BatchContext, type PersonOutcome, personError, type SyncStop, syncStop } from './context.js'

/** A person the connection does not know yet: attach their account (A2) or create one (A3). */
export async function addPerson(b: BatchContext, person: ParsedDirectoryPerson): Promise<PersonOutcome> {
  const { w, connection } = b
  const { record } = linkedRecordOf(person)
  // Listed but inactive, and never synced: nothing to keep in step.
  if (!record.active) return { kind: 'unchanged', seen: false }

  const key = emailKey(record.email)
  if (await w.tx.blocklist.isBlocked(key)) {
    return personError(
      'EMAIL_BLOCKED',
      'Mail to this address bounced or was reported; it cannot be used.',
      false,
    )
  }
  let account =
    connection.kind === 'organization'
      ? await w.tx.accounts.findById(person.externalId)
      : await w.tx.accounts.findByEmail(key)
  if (!account && connection.kind === 'organization') {
    return personError('ACCOUNT_NOT_FOUND', 'The account of this member no longer exists.', false)
  }
  if (account) {
    const existing = await w.tx.memberships.find(connection.orgId, account.id)
    if (existing?.source === connection.id) {
      return personError('EMAIL_TAKEN', 'Another person listed by this source has the same email.', false)
    }
    if (existing) {
      return personError(
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
        ? personError('USERNAME_TAKEN', 'Another account already uses this email as its username.', false)
        : personError(
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
    return personError('ALREADY_MEMBER', 'This person became a member of the organization meanwhile.', false)
  }
  const insertedLink = await w.tx.connectionLinks.insert(linkFor(b, person, account.id, created))
  if (insertedLink.status === 'conflict') {
    // The run holds the connection's lease and checked both keys above: a conflict means another
    // writer broke the lease. Undo the batch rather than leave a membership without its link.
    return { kind: 'stop', stop: linkConflict(insertedLink.field) }
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

/** A link insert that met another link of this connection: another writer broke the run's lease. */
export function linkConflict(field: 'externalId' | 'accountId'): SyncStop {
  return syncStop(
    'lease-lost',
    `Another writer linked the same ${field === 'externalId' ? 'external id' : 'account'} to this connection meanwhile.`,
  )
}
