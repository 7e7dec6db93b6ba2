import { err, ok, type Result, type ResultAsync } from 'neverthrow'
import type * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import { scimKey, type ScimUser } from '../../domain/scim.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction, type WriteScope } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { addMemberInTransaction, type PreparedCredential } from '../members/add-member.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import {
  departmentNamed,
  loadScimScope,
  manageFields,
  type ParsedScimUserFields,
  providedFields,
  ScimPrincipalInput,
  type ScimRequestScope,
  ScimUserFields,
  type ScimUserView,
  scimActor,
  storedAttributes,
  toScimUserView,
} from './user-shared.js'
import { applyScimUser } from './apply-scim-user.js'

export const ProvisionScimUserInput = ScimUserFields
export type ProvisionScimUserInput = z.input<typeof ProvisionScimUserInput>
export type ProvisionScimUserError = RosterError<
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'ALREADY_MEMBER'
  | 'EMAIL_BLOCKED'
  | 'EMAIL_TAKEN'
  | 'USERNAME_TAKEN'
  | 'DEPARTMENT_NOT_FOUND'
  | 'ESCALATION'
  | 'NOT_FOUND'
  | 'MANAGED_EXTERNALLY'
  | 'ACCOUNT_NOT_FOUND'
  | 'CONFLICT'
  | 'STORAGE_FAILURE'
>

/**
 * Provisions a user pushed by a SCIM connection (SC3, SC4; a SCIM `POST /Users`): like
 * `members.add` by the connection's system actor in its one org — an email that already has an
 * account attaches it (A2, its profile untouched), a new one gets the credential the connection's
 * policy says (activation link, SSO identity link, or none). The membership's source is the
 * connection, so the fields it provides are read-only in the org (S3). A `userName` the connection
 * already has, or a person already a member, is `ALREADY_MEMBER` (SCIM 409 `uniqueness`); nothing is
 * stored. A person this connection deprovisioned (DELETE under `disable`) is taken back.
 *
 * @example
 * const principal = (await roster.scim.authenticate({ token }))._unsafeUnwrap()
 * const user = await roster.scim.users.provision(principal, {
 *   userName: 'ada@example.com', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace',
 * })
 */
export function provisionScimUser(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: ProvisionScimUserInput,
): ResultAsync<ScimUserView, ProvisionScimUserError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(ProvisionScimUserInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const fields = parsed.value
    return inTransaction(ctx, toAuditActor(scimActor(principal.connectionId)), async (w) => {
      const loaded = await loadScimScope(w.tx, principal)
      if (loaded.isErr()) return err(loaded.error)
      return provisionInTransaction(ctx, w, loaded.value, fields)
    })
  })
}

/** The person SCIM already knows under this userName: a 409 `uniqueness`. */
function userNameTaken(userName: string): RosterError<'ALREADY_MEMBER'> {
  return rosterError('ALREADY_MEMBER', {
    message: `A user with the userName "${userName}" already exists.`,
    details: { reason: 'userName', userName },
  })
}

async function provisionInTransaction(
  ctx: RosterContext,
  w: WriteScope,
  s: ScimRequestScope,
  fields: ParsedScimUserFields,
): Promise<Result<ScimUserView, ProvisionScimUserError>> {
  const { scim, connection, access, scope } = s
  const userNameKey = scimKey(fields.userName)
  if (await w.tx.scimUsers.findByUserName(scope, userNameKey)) return err(userNameTaken(fields.userName))

  // Someone this connection deprovisioned (DELETE under `disable`) and the IdP now pushes again:
  // the disabled membership is still the connection's, so it is taken back rather than refused.
  const existingAccount = await w.tx.accounts.findByEmail(fields.email.trim().normalize('NFC').toLowerCase())
  const existing = existingAccount ? await w.tx.memberships.find(scope.orgId, existingAccount.id) : null
  if (existingAccount && existing?.source === connection.id) {
    const user = scimUserRow(s, existingAccount.id, fields, false, w.now)
    const inserted = await w.tx.scimUsers.insert({ ...user, active: !fields.active })
    if (inserted.status === 'conflict') return err(userNameTaken(fields.userName))
    const stored = await w.tx.scimUsers.find(scope, existingAccount.id)
    const applied = await applyScimUser(ctx, w, s, stored!, existing, fields)
    if (applied.isErr()) return err(applied.error)
    return ok(toScimUserView(applied.value))
  }

  const departmentId = fields.department
    ? (await departmentNamed(ctx, w, scope.orgId, fields.department)).id
    : undefined
  const identity =
    scim.credential === 'sso' && scim.ssoProvider !== null
      ? { provider: scim.ssoProvider, subject: fields.externalId ?? fields.userName }
      : undefined
  const credential: PreparedCredential =
    scim.credential === 'sso'
      ? { status: 'active', passwordHash: null, mustChangePassword: false, password: null }
      : { status: 'pending_activation', passwordHash: null, mustChangePassword: false, password: null }
  const added = await addMemberInTransaction(
    ctx,
    w,
    access,
    {
      email: fields.email,
      firstName: fields.firstName,
      lastName: fields.lastName,
      ...(fields.phone ? { phone: fields.phone } : {}),
      ...(fields.language ? { language: fields.language } : {}),
      ...(identity ? { identity } : {}),
      type: scim.memberType,
      ...(departmentId !== undefined ? { departmentId } : {}),
      ...(fields.title ? { title: fields.title } : {}),
      credential: { kind: 'activation-link' },
    },
    credential,
    // The IdP vouches for the person: an existing active account is in at once, no invitation.
    { requested: true, source: connection.id, mailCredential: scim.credential === 'activation-link' },
  )
  if (added.isErr()) {
    if (added.error.code === 'ALREADY_MEMBER') {
      return err(
        rosterError('ALREADY_MEMBER', {
          message:
            'This person is already a member of the organization (added there, not by this SCIM connection).',
          details: { ...added.error.details, reason: 'member' },
        }),
      )
    }
    return err(added.error)
  }
  const { accountId, created } = added.value
  const inserted = await w.tx.scimUsers.insert(scimUserRow(s, accountId, fields, created, w.now))
  // A concurrent POST of the same userName won (the unique index): this whole transaction goes.
  if (inserted.status === 'conflict') return err(userNameTaken(fields.userName))
  if (!fields.active) {
    await w.tx.memberships.update(scope.orgId, accountId, { status: 'disabled', updatedAt: w.now })
    await w.audit({
      orgId: scope.orgId,
      action: 'member.disabled',
      targetType: 'account',
      targetId: accountId,
      changes: { status: { after: 'disabled' } },
    })
  }
  await manageFields(w.tx, connection, providedFields(fields), w.now)
  const stored = await w.tx.scimUsers.find(scope, accountId)
  return ok(toScimUserView(stored!))
}

/** @internal The SCIM user row of a person just provisioned. */
export function scimUserRow(
  s: ScimRequestScope,
  accountId: string,
  fields: ParsedScimUserFields,
  ownsAccount: boolean,
  now: Date,
): ScimUser {
  return {
    orgId: s.scope.orgId,
    connectionId: s.scope.connectionId,
    accountId,
    userName: fields.userName,
    userNameKey: scimKey(fields.userName),
    externalId: fields.externalId ?? null,
    active: fields.active,
    attributes: storedAttributes(fields),
    ownsAccount,
    version: 1,
    createdAt: now,
    updatedAt: now,
  }
}
