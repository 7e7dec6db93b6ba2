import type {
  Account,
  AuditEvent,
  Membership,
  Organization,
  OutboxMessage,
  StoredGrant,
  Token,
} from '@roster/core'
import { sql, type RawBuilder } from 'kysely'
import type {
  AccountsTable,
  AuditEventsTable,
  MembershipsTable,
  OrganizationsTable,
  OutboxMessagesTable,
  TokensTable,
} from './schema.js'
import type { AppendColumn } from './session.js'

/*
 * Row mapping between snake_case columns and the core's shapes. Queries select columns under a
 * prefix (`a_id`, `m_status`) so one row can carry an account, a membership and an org.
 */

type Row = Record<string, unknown>

export const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'username_key',
  'email',
  'email_key',
  'first_name',
  'last_name',
  'phone',
  'language',
  'status',
  'must_change_password',
  'password_hash',
  'identity_provider',
  'external_subject',
  'failed_sign_ins',
  'locked_until',
  'password_expires_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof AccountsTable)[]

export const ORG_COLUMNS = [
  'id',
  'name',
  'slug',
  'email',
  'founder_id',
  'settings',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof OrganizationsTable)[]

export const MEMBERSHIP_COLUMNS = [
  'org_id',
  'id',
  'account_id',
  'type',
  'status',
  'department_id',
  'title',
  'source',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof MembershipsTable)[]

export const TOKEN_COLUMNS = [
  'id',
  'kind',
  'hash',
  'account_id',
  'email',
  'expires_at',
  'used_at',
  'created_at',
] as const satisfies readonly (keyof TokensTable)[]

export const OUTBOX_COLUMNS = [
  'id',
  'org_id',
  'to',
  'subject',
  'text',
  'html',
  'template',
  'language',
  'data',
  'status',
  'claim',
  'attempts',
  'next_attempt_at',
  'last_error',
  'created_at',
  'sent_at',
  'mint',
] as const satisfies readonly (keyof OutboxMessagesTable)[]

export const AUDIT_COLUMNS = [
  'org_id',
  'id',
  'actor_kind',
  'actor_id',
  'actor_reason',
  'action',
  'target_type',
  'target_id',
  'changes',
  'at',
] as const satisfies readonly (keyof AuditEventsTable)[]

/** `alias.col AS prefixcol, …` for a select list. */
export function columns(alias: string, names: readonly string[], prefix = ''): RawBuilder<unknown> {
  return sql.raw(names.map((name) => `${alias}."${name}" as "${prefix}${name}"`).join(', '))
}

/**
 * `alias.col, …` (or bare `col, …` without an alias) for a select or RETURNING list of one table,
 * typed by its row type in `schema.ts`: a misspelt or dropped column fails to compile, and
 * `schema-columns.test.ts` holds those types to the migrated tables.
 */
export function columnList<Table>(
  names: readonly (keyof Table & string)[],
  alias?: string,
): RawBuilder<unknown> {
  return sql.raw(names.map((name) => (alias ? `${alias}.${name}` : name)).join(', '))
}

/** A bare column list, for RETURNING. */
export function returning(names: readonly string[]): RawBuilder<unknown> {
  return sql.raw(names.map((name) => `"${name}"`).join(', '))
}

function date(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string)
}

function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value)
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

export function toAccount(row: Row, prefix = ''): Account {
  const get = (name: string) => row[prefix + name]
  return {
    id: get('id') as string,
    username: get('username') as string,
    usernameKey: get('username_key') as string,
    email: get('email') as string,
    emailKey: get('email_key') as string,
    firstName: get('first_name') as string,
    lastName: get('last_name') as string,
    phone: (get('phone') as string | null) ?? null,
    language: get('language') as string,
    status: get('status') as Account['status'],
    mustChangePassword: get('must_change_password') as boolean,
    passwordHash: (get('password_hash') as string | null) ?? null,
    identityProvider: (get('identity_provider') as string | null) ?? null,
    externalSubject: (get('external_subject') as string | null) ?? null,
    failedSignIns: Number(get('failed_sign_ins')),
    lockedUntil: dateOrNull(get('locked_until')),
    passwordExpiresAt: dateOrNull(get('password_expires_at')),
    createdAt: date(get('created_at')),
    updatedAt: date(get('updated_at')),
  }
}

export function toOrganization(row: Row, prefix = ''): Organization {
  const get = (name: string) => row[prefix + name]
  const settings = json<Organization['settings']>(get('settings'))
  return {
    id: get('id') as string,
    name: get('name') as string,
    slug: get('slug') as string,
    email: (get('email') as string | null) ?? null,
    founderId: get('founder_id') as string,
    settings: { ...settings, requiredProducts: [...(settings.requiredProducts ?? [])] },
    createdAt: date(get('created_at')),
    updatedAt: date(get('updated_at')),
  }
}

export function toMembership(row: Row, prefix = ''): Membership {
  const get = (name: string) => row[prefix + name]
  return {
    id: get('id') as string,
    orgId: get('org_id') as string,
    accountId: get('account_id') as string,
    type: get('type') as Membership['type'],
    status: get('status') as Membership['status'],
    departmentId: (get('department_id') as string | null) ?? null,
    title: (get('title') as string | null) ?? null,
    source: get('source') as string,
    createdAt: date(get('created_at')),
    updatedAt: date(get('updated_at')),
  }
}

/** Grants aggregated as `[[role_id, scope_kind, scope_value], …]` (json_agg). */
export function toGrants(value: unknown, orgId: string, accountId: string): StoredGrant[] {
  const tuples = json<Array<[string, StoredGrant['scopeKind'], string]> | null>(value) ?? []
  return tuples.map(([roleId, scopeKind, scopeValue]) => ({
    orgId,
    accountId,
    roleId,
    scopeKind,
    scopeValue,
  }))
}

export function toToken(row: Row): Token {
  return {
    id: row.id as string,
    kind: row.kind as Token['kind'],
    hash: row.hash as string,
    accountId: row.account_id as string,
    email: (row.email as string | null) ?? null,
    expiresAt: date(row.expires_at),
    usedAt: dateOrNull(row.used_at),
    createdAt: date(row.created_at),
  }
}

/** Audit events of no org are stored under `org_id = ''` (the distribution key is never null). */
export const NO_ORG = ''

export function toAuditEvent(row: Row): AuditEvent {
  const orgId = row.org_id as string
  return {
    id: row.id as string,
    orgId: orgId === NO_ORG ? null : orgId,
    actor:
      row.actor_kind === 'account'
        ? { kind: 'account', id: row.actor_id as string }
        : { kind: 'system', reason: (row.actor_reason as string | null) ?? '' },
    action: row.action as string,
    targetType: row.target_type as string,
    targetId: row.target_id as string,
    changes: json<AuditEvent['changes']>(row.changes),
    at: date(row.at),
  }
}

export function toOutboxMessage(row: Row): OutboxMessage {
  return {
    id: row.id as string,
    orgId: (row.org_id as string | null) ?? null,
    to: row.to as string,
    subject: row.subject as string,
    text: row.text as string,
    html: row.html as string,
    template: row.template as OutboxMessage['template'],
    language: row.language as string,
    data: json<Record<string, unknown>>(row.data),
    status: row.status as OutboxMessage['status'],
    claim: (row.claim as string | null) ?? null,
    attempts: Number(row.attempts),
    nextAttemptAt: date(row.next_attempt_at),
    lastError: (row.last_error as string | null) ?? null,
    createdAt: date(row.created_at),
    sentAt: dateOrNull(row.sent_at),
    mint:
      row.mint === null || row.mint === undefined ? null : json<NonNullable<OutboxMessage['mint']>>(row.mint),
  }
}

/** Columns of the append-only tables, as `AppendBuffer` sends them. */
export const TOKEN_APPEND: readonly AppendColumn<Token>[] = [
  { name: 'id', type: 'text', value: (t) => t.id },
  { name: 'kind', type: 'text', value: (t) => t.kind },
  { name: 'hash', type: 'text', value: (t) => t.hash },
  { name: 'account_id', type: 'text', value: (t) => t.accountId },
  { name: 'email', type: 'text', value: (t) => t.email },
  { name: 'expires_at', type: 'timestamptz', value: (t) => t.expiresAt },
  { name: 'used_at', type: 'timestamptz', value: (t) => t.usedAt },
  { name: 'created_at', type: 'timestamptz', value: (t) => t.createdAt },
]

export const AUDIT_APPEND: readonly AppendColumn<AuditEvent>[] = [
  { name: 'org_id', type: 'text', value: (e) => e.orgId ?? NO_ORG },
  { name: 'id', type: 'text', value: (e) => e.id },
  { name: 'actor_kind', type: 'text', value: (e) => e.actor.kind },
  { name: 'actor_id', type: 'text', value: (e) => (e.actor.kind === 'account' ? e.actor.id : null) },
  { name: 'actor_reason', type: 'text', value: (e) => (e.actor.kind === 'system' ? e.actor.reason : null) },
  { name: 'action', type: 'text', value: (e) => e.action },
  { name: 'target_type', type: 'text', value: (e) => e.targetType },
  { name: 'target_id', type: 'text', value: (e) => e.targetId },
  { name: 'changes', type: 'jsonb', value: (e) => JSON.stringify(e.changes ?? {}) },
  { name: 'at', type: 'timestamptz', value: (e) => e.at },
]

export const OUTBOX_APPEND: readonly AppendColumn<OutboxMessage>[] = [
  { name: 'id', type: 'text', value: (m) => m.id },
  { name: 'org_id', type: 'text', value: (m) => m.orgId },
  { name: 'to', type: 'text', value: (m) => m.to },
  { name: 'subject', type: 'text', value: (m) => m.subject },
  { name: 'text', type: 'text', value: (m) => m.text },
  { name: 'html', type: 'text', value: (m) => m.html },
  { name: 'template', type: 'text', value: (m) => m.template },
  { name: 'language', type: 'text', value: (m) => m.language },
  { name: 'data', type: 'jsonb', value: (m) => JSON.stringify(m.data ?? {}) },
  { name: 'status', type: 'text', value: (m) => m.status },
  { name: 'claim', type: 'text', value: (m) => m.claim },
  { name: 'attempts', type: 'int4', value: (m) => m.attempts },
  { name: 'next_attempt_at', type: 'timestamptz', value: (m) => m.nextAttemptAt },
  { name: 'last_error', type: 'text', value: (m) => m.lastError },
  { name: 'created_at', type: 'timestamptz', value: (m) => m.createdAt },
  { name: 'sent_at', type: 'timestamptz', value: (m) => m.sentAt },
  { name: 'mint', type: 'jsonb', value: (m) => (m.mint ? JSON.stringify(m.mint) : null) },
]

/** Lower-casing for prefix search, the same as the memory adapter's (`toLowerCase`). */
export function searchKey(value: string): string {
  return value.toLowerCase()
}

/**
 * The exclusive upper bound of strings starting with `prefix` under the "C" collation: the prefix
 * followed by the highest code point.
 */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`
}
