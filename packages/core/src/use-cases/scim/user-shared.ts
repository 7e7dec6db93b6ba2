// What the SCIM user use-cases share (SC3–SC5): the normalized user a SCIM request describes
// (the protocol package turns SCIM JSON into it), the view it answers with, and the scope checks
// every request makes — the connection is active and the person is its own.
import { err, ok, type Result } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type SystemActor, systemActor } from '../../domain/actor.js'
import type { Account } from '../../domain/account.js'
import { type Connection, type ManagedField, mergeFields } from '../../domain/connection.js'
import type { Department } from '../../domain/department.js'
import type { Membership } from '../../domain/membership.js'
import {
  type ScimConnection,
  type ScimUser,
  type ScimUserAttributes,
  scimActorReason,
} from '../../domain/scim.js'
import { Email, Language, PersonName, Phone } from '../../domain/schemas.js'
import { policedText } from '../../domain/text-policy.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize, type OrgAccess } from '../../internal/authorize.js'
import type { WriteScope } from '../../internal/transaction.js'
import type { StorageRepositories, StorageTx } from '../../ports/storage.js'
import type { ScimPrincipal } from './authenticate-scim.js'

/** A principal as a use-case input (the handler passes what `scim.authenticate` returned). */
export const ScimPrincipalInput = z.object({
  orgId: policedText('key', { max: 64 }),
  connectionId: policedText('key', { max: 64 }),
  tokenId: policedText('key', { max: 64 }),
})

const nullableText = (max: number) => policedText('line', { min: 0, max }).nullish()

/** SCIM attributes kept as sent; bounded so one request cannot store megabytes (SC9). */
const Attributes = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 16_384, 'At most 16 KiB of attributes')

/** One user as a SCIM request describes it, after the protocol package has read the JSON. */
export const ScimUserFields = z.object({
  /** SCIM `userName`: unique per connection, compared ignoring case. */
  userName: policedText('line', { max: 300 }),
  externalId: policedText('line', { min: 0, max: 300 }).nullish(),
  active: z.boolean().default(true),
  /** The work (or primary) email: where Roster mails. */
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  phone: Phone.nullish(),
  language: Language.nullish(),
  title: nullableText(200),
  /** Enterprise `department`: the org department of that name (created when missing). */
  department: nullableText(100),
  /** Everything else the IdP sent, returned as is on GET. */
  attributes: Attributes.default({}),
})
export type ScimUserFields = z.input<typeof ScimUserFields>
export type ParsedScimUserFields = z.output<typeof ScimUserFields>

/** A SCIM user as Roster answers it; the protocol package renders SCIM JSON from it. */
export interface ScimUserView {
  /** The SCIM `id`: the account id. */
  id: string
  userName: string
  externalId: string | null
  active: boolean
  email: string
  firstName: string
  lastName: string
  phone: string | null
  language: string | null
  title: string | null
  department: string | null
  attributes: ScimUserAttributes
  /** For `meta.version` (ETag `W/"<version>"`). */
  version: number
  created: string
  lastModified: string
}

/** @internal The fields of the SCIM view from what is stored. */
export function toScimUserView(user: ScimUser): ScimUserView {
  const a = user.attributes as ScimUserAttributes & { roster?: RosterAttributes }
  const r = a.roster ?? ({} as RosterAttributes)
  const { roster: _roster, ...attributes } = a
  return {
    id: user.accountId,
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    email: r.email ?? '',
    firstName: r.firstName ?? '',
    lastName: r.lastName ?? '',
    phone: r.phone ?? null,
    language: r.language ?? null,
    title: r.title ?? null,
    department: r.department ?? null,
    attributes,
    version: user.version,
    created: user.createdAt.toISOString(),
    lastModified: user.updatedAt.toISOString(),
  }
}

/** The normalized fields as last received, kept with the attributes (what a GET echoes). */
type RosterAttributes = Pick<
  ScimUserView,
  'email' | 'firstName' | 'lastName' | 'phone' | 'language' | 'title' | 'department'
>

/** @internal The attributes column: the IdP's extras plus the normalized fields it last sent. */
export function storedAttributes(fields: ParsedScimUserFields): ScimUserAttributes {
  const roster: RosterAttributes = {
    email: fields.email,
    firstName: fields.firstName,
    lastName: fields.lastName,
    phone: fields.phone ?? null,
    language: fields.language ?? null,
    title: fields.title ?? null,
    department: fields.department ?? null,
  }
  return { ...(fields.attributes as ScimUserAttributes), roster } as ScimUserAttributes
}

/** @internal The system actor a SCIM connection acts as: audited with reason `scim:<connectionId>` (SC8). */
export function scimActor(connectionId: string): SystemActor {
  return systemActor(scimActorReason(connectionId))
}

/** @internal `NOT_FOUND` for a SCIM user id (unknown, another connection's, another org's: SC2). */
export function scimUserNotFound(id: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', { message: 'There is no such user.', details: { entity: 'scim-user', id } })
}

/** @internal `UNAUTHENTICATED` for a principal whose connection is gone or no longer active. */
export function scimUnauthenticated(): RosterError<'UNAUTHENTICATED'> {
  return rosterError('UNAUTHENTICATED', { message: 'The SCIM connection is not active.' })
}

/** @internal What a SCIM request acts with: its connection, the org and the system access of that org only. */
export interface ScimRequestScope {
  scim: ScimConnection
  connection: Connection
  access: OrgAccess
  scope: { orgId: string; connectionId: string }
}

/**
 * @internal Loads the principal's connection (SC2): active, a SCIM connection of that org. The
 * system access it returns is used for that org alone — every read and write below names
 * `scope.orgId`, so a token of org A can never reach org B.
 */
export async function loadScimScope(
  repos: StorageRepositories,
  principal: ScimPrincipal,
): Promise<Result<ScimRequestScope, RosterError<'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND'>>> {
  const scim = await repos.scimConnections.find(principal.orgId, principal.connectionId)
  const [connection] = scim
    ? await repos.connections.findByIds(principal.orgId, [principal.connectionId])
    : []
  if (!scim || !connection || connection.status !== 'active') return err(scimUnauthenticated())
  const access = await authorize(repos, scimActor(connection.id), principal.orgId, 'members:update')
  if (access.isErr()) return err(access.error)
  return ok({
    scim,
    connection,
    access: access.value,
    scope: { orgId: principal.orgId, connectionId: connection.id },
  })
}

/** The member fields a SCIM user provides (S3): read-only in the org from then on. */
export function providedFields(fields: ParsedScimUserFields): ManagedField[] {
  const provided: ManagedField[] = ['email', 'firstName', 'lastName']
  if (fields.phone) provided.push('phone')
  if (fields.language) provided.push('language')
  if (fields.title) provided.push('title')
  return provided
}

/**
 * @internal Grows the connection's managed fields (S3) with what this user provides. Writes only
 * when the set grows, so a busy connection's row is not a hot spot.
 */
export async function manageFields(
  tx: StorageTx,
  connection: Connection,
  fields: readonly ManagedField[],
  now: Date,
): Promise<void> {
  const merged = mergeFields(connection.managedFields, fields)
  if (merged.length === connection.managedFields.length) return
  await tx.connections.update(connection.orgId, connection.id, { managedFields: merged, updatedAt: now })
}

/** @internal The org department named `name` (case-insensitive), created when missing (D1). */
export async function departmentNamed(
  ctx: RosterContext,
  w: WriteScope,
  orgId: string,
  name: string,
): Promise<Department> {
  const nameKey = name.trim().normalize('NFC').toLowerCase()
  const find = async () => (await w.tx.departments.list(orgId)).find((d) => d.department.nameKey === nameKey)
  const existing = await find()
  if (existing) return existing.department
  const department: Department = {
    id: ctx.ids(),
    orgId,
    name: name.trim(),
    nameKey,
    createdAt: w.now,
    updatedAt: w.now,
  }
  const inserted = await w.tx.departments.insert(department)
  if (inserted.status === 'inserted') {
    await w.audit({
      orgId,
      action: 'department.created',
      targetType: 'department',
      targetId: department.id,
      changes: { name: { after: department.name } },
    })
    return department
  }
  // Created concurrently under the same name: take that one.
  const raced = await find()
  if (!raced) throw new Error('department vanished after a name conflict')
  return raced.department
}

/** @internal The membership a SCIM user stands for, when it is this connection's. */
export async function ownMembership(
  tx: StorageTx,
  scope: ScimRequestScope,
  accountId: string,
): Promise<Membership | null> {
  const membership = await tx.memberships.find(scope.scope.orgId, accountId)
  return membership && membership.source === scope.connection.id ? membership : null
}

/** @internal Does the account belong to no org but this one (A17: only then may SCIM edit it)? */
export async function soleOrg(tx: StorageTx, account: Account, orgId: string): Promise<boolean> {
  const memberships = await tx.memberships.listForAccount(account.id)
  return memberships.every((membership) => membership.orgId === orgId)
}
