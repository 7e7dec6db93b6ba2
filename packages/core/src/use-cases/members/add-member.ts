import { err, ok, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type Account, emailKey, newAccount } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type StoredGrant, toStoredGrant, grantKey } from '../../domain/grant.js'
import type { MemberView } from '../../domain/member-view.js'
import type { Membership } from '../../domain/membership.js'
import {
  Email,
  GrantInput,
  Id,
  Identity,
  Language,
  Password,
  PersonName,
  Phone,
  Username,
} from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize, type OrgAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { newTemporaryPassword } from '../../internal/secrets.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { temporaryPasswordExpiry } from '../../internal/sign-in.js'
import { linkTo } from '../../internal/tokens.js'
import { inTransaction, type WriteScope } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { checkUsernameOfEmail } from '../../internal/username-rule.js'
import { memberViews, withholdPersonalFields } from '../../internal/views.js'
import { checkPasswordPolicy } from '../../internal/password-policy.js'
import { checkDepartment, checkGrantable } from '../../internal/grants.js'

/** How the new person gets in (A4). */
export const Credential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activation-link') }),
  z.object({ kind: z.literal('password'), password: Password }),
  z.object({ kind: z.literal('temporary-password') }),
])

/** One person to add: the fields of the "add staff" form (A1). */
export const AddMemberRow = z.object({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  username: Username.optional(),
  phone: Phone.optional(),
  language: Language.optional(),
  identity: Identity.optional(),
  type: z.enum(['employee', 'guest']).default('employee'),
  departmentId: Id.optional(),
  title: policedText('line', { min: 0, max: 200 }).optional(),
  grants: z.array(GrantInput).max(500).optional(),
  credential: Credential.default({ kind: 'activation-link' }),
})

export const AddMemberInput = AddMemberRow.extend({ orgId: Id })
export type AddMemberInput = z.input<typeof AddMemberInput>
export type AddMemberRow = z.input<typeof AddMemberRow>

export type AddMemberError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'ALREADY_MEMBER'
  | 'EMAIL_BLOCKED'
  | 'USERNAME_TAKEN'
  | 'EMAIL_TAKEN'
  | 'DEPARTMENT_NOT_FOUND'
  | 'ESCALATION'
  | 'NOT_FOUND'
  | 'STORAGE_FAILURE'
>

/**
 * Adds a staff member or guest to an org (A1–A4, A11, A2b, A16). A new email creates a pending
 * account and mails an activation link (or sets/mails a password, per `credential`); an existing
 * account is attached, never overwritten, with an `invited` membership and an invitation mail; the
 * returned view then holds only what the caller supplied (names, the address; no phone, username =
 * address: AA7), not what the person or another org set. Emits `member.added`.
 *
 * @example
 * const result = await roster.members.add(admin, {
 *   orgId, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace',
 * })
 * if (result.isOk()) console.log(result.value.membershipStatus) // 'invited'
 */
export function addMember(
  ctx: RosterContext,
  actor: Actor,
  input: AddMemberInput,
): ResultAsync<MemberView, AddMemberError> {
  return runUseCase(async () => {
    const parsed = parseInput(AddMemberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, ...row } = parsed.value
    const username = checkUsernameOfEmail(row.username, row.email)
    if (username) return err(username)
    // Hashing is slow on purpose; do it before the transaction so no lock waits on it.
    const credential = await prepareCredential(ctx, row)
    if (credential.isErr()) return err(credential.error)
    const key = emailKey(row.email)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      // The blocklist entry and the account of the address come with the access check (issue 15).
      const access = await authorize(w.tx, actor, orgId, 'members:create', undefined, { emailKey: key })
      if (access.isErr()) return err(access.error)
      const added = await addMemberInTransaction(ctx, w, access.value, row, credential.value, {
        emailKeyAsked: key,
      })
      if (added.isErr()) return err(added.error)
      const memberRow = await w.tx.memberships.row(orgId, added.value.accountId)
      if (!memberRow) return err(rosterError('NOT_FOUND', { details: { entity: 'member' } }))
      const [view] = await memberViews(ctx, w.tx, access.value, [memberRow])
      // AA7: an existing account only invited here shows what the inviter supplied, nothing of
      // what the person or another org set.
      if (!added.value.created && view!.membershipStatus === 'invited' && !access.value.isSystem)
        return ok(withholdPersonalFields(view!, row))
      return ok(view!)
    })
  })
}

/** A parsed row of `members.add` / `members.addMany`. */
export type ParsedAddMemberRow = z.output<typeof AddMemberRow>

/**
 * @internal The body of adding one person, inside the caller's transaction: shared by `add`,
 * `addMany` (each row under the same rules, A14) and join-request approval.
 */
export async function addMemberInTransaction(
  ctx: RosterContext,
  w: WriteScope,
  access: OrgAccess,
  row: ParsedAddMemberRow,
  credential: PreparedCredential,
  options: {
    /**
     * The person asked to join (an approved join request, J2): an existing active account's
     * membership is active at once and no invitation is mailed.
     */
    requested?: boolean
    /** The membership's `source`: a connection that manages it (SCIM, SC3); default `local`. */
    source?: string
    /** False: a new account gets no credential mail (a SCIM connection's `none`/`sso` policy, SC4). */
    mailCredential?: boolean
    /** The email key `access` was loaded with (`also.emailKey`): its blocklist and account answers are used. */
    emailKeyAsked?: string
  } = {},
): Promise<Result<{ accountId: string; created: boolean }, AddMemberError>> {
  const { org } = access
  const key = emailKey(row.email)
  // `members.add` asks its access check for the blocklist entry and the account (`access.also`,
  // one statement on Postgres); the other callers read them here.
  const folded = access.also.emailBlocked !== undefined && options.emailKeyAsked === key
  const blocked = folded ? access.also.emailBlocked : await w.tx.blocklist.isBlocked(key)
  if (blocked) {
    return err(rosterError('EMAIL_BLOCKED', { details: { email: row.email } }))
  }

  const grants: StoredGrant[] = []
  const seen = new Set<string>()
  for (const grant of row.grants ?? [{ roleId: 'member', scope: 'org' as const }]) {
    const stored = toStoredGrant(org.id, '', grant)
    if (seen.has(grantKey(stored))) continue
    seen.add(grantKey(stored))
    grants.push(stored)
  }
  const grantable = await checkGrantable(w.tx, access, grants)
  if (grantable.isErr()) return err(grantable.error)
  if (row.departmentId !== undefined) {
    const department = await checkDepartment(w.tx, org.id, row.departmentId)
    if (department.isErr()) return err(department.error)
  }

  const membershipFor = (accountId: string, status: Membership['status']): Membership => ({
    id: ctx.ids(),
    orgId: org.id,
    accountId,
    type: row.type,
    status,
    departmentId: row.departmentId ?? null,
    title: row.title ?? null,
    source: options.source ?? 'local',
    createdAt: w.now,
    updatedAt: w.now,
  })

  let account = folded ? (access.also.accountByEmail ?? null) : await w.tx.accounts.findByEmail(key)
  let created = false
  let temporaryPassword: string | null = null
  if (!account) {
    const { status, passwordHash, mustChangePassword, password } = credential
    temporaryPassword = password
    const candidate = newAccount({
      id: ctx.ids(),
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      username: row.username,
      phone: row.phone,
      language: row.language,
      identity: row.identity,
      status,
      passwordHash,
      mustChangePassword,
      // A generated temporary password works for a while only (A4, X5).
      passwordExpiresAt: password ? temporaryPasswordExpiry(ctx, w.now) : null,
      now: w.now,
    })
    const inserted = await w.tx.accounts.insert(candidate)
    if (inserted.status === 'inserted') {
      account = candidate
      created = true
    } else if (inserted.field === 'email') {
      // Another transaction created this person meanwhile: attach it like any existing account (A2).
      account = await w.tx.accounts.findByEmail(key)
      if (!account) return err(rosterError('EMAIL_TAKEN', { details: { email: row.email } }))
    } else if (inserted.field === 'username') {
      return err(rosterError('USERNAME_TAKEN', { details: { username: candidate.username } }))
    } else {
      return err(
        rosterError('VALIDATION', {
          message: 'This identity is linked to another account.',
          details: { issues: [{ path: 'identity', message: 'Already linked to another account' }] },
        }),
      )
    }
  }

  // A new account waits for activation; an existing one is invited unless the policy auto-accepts (A2b, A3).
  const membershipStatus: Membership['status'] = created
    ? account.status === 'active'
      ? 'active'
      : 'invited'
    : (ctx.policy.autoAcceptExisting || options.requested) && account.status === 'active'
      ? 'active'
      : 'invited'
  const membership = membershipFor(account.id, membershipStatus)

  // The mail and the audit event are recorded before the membership is written, so a storage that
  // holds appends back (Postgres) sends them inside the membership's own statement instead of one
  // more round trip before COMMIT (issue 15). Nothing is lost when the insert then answers
  // ALREADY_MEMBER: the error rolls the whole transaction back, mail and audit included.
  const mailData = {
    orgName: org.name,
    firstName: account.firstName,
    lastName: account.lastName,
    username: account.username,
  }
  if (created && options.mailCredential === false) {
    // The connection's policy: the person signs in through SSO, or is told some other way.
  } else if (created && row.credential.kind === 'activation-link') {
    await mailActivationLink(ctx, w, account, org, { newAccount: true })
  } else if (created && temporaryPassword) {
    await w.mail({
      orgId: org.id,
      to: account.email,
      template: 'temporary-password',
      language: account.language,
      data: { ...mailData, url: ctx.baseUrl },
      temporaryPassword: { accountId: account.id, password: temporaryPassword },
    })
  } else if (!created && membershipStatus === 'invited' && !options.requested) {
    await w.mail({
      orgId: org.id,
      to: account.email,
      template: 'invitation',
      language: account.language,
      data: {
        ...mailData,
        url: linkTo(ctx, ctx.links.invitation),
      },
    })
  }

  await w.audit({
    orgId: org.id,
    action: 'member.added',
    targetType: 'account',
    targetId: account.id,
    changes: {
      type: { after: membership.type },
      status: { after: membership.status },
      grants: { after: grants.map(grantKey) },
      ...(created ? { account: { after: 'created' }, credential: { after: row.credential.kind } } : {}),
    },
  })
  const inserted = await w.tx.memberships.insert(
    membership,
    grants.map((grant) => ({ ...grant, accountId: account.id })),
  )
  if (inserted.status === 'exists') {
    return err(rosterError('ALREADY_MEMBER', { details: { accountId: account.id, orgId: org.id } }))
  }
  w.emit('member.added', { orgId: org.id, accountId: account.id, actor: w.actor })
  return ok({ accountId: account.id, created })
}

/** A new account's starting credential, hashed ahead of the transaction (A4). */
export interface PreparedCredential {
  status: Account['status']
  passwordHash: string | null
  mustChangePassword: boolean
  /** The generated temporary password, to mail; never stored in clear. */
  password: string | null
}

/** @internal Checks and hashes the credential of a row to add (A4, A8 length bounds). */
export async function prepareCredential(
  ctx: RosterContext,
  row: Pick<ParsedAddMemberRow, 'credential'>,
): Promise<Result<PreparedCredential, RosterError<'VALIDATION'>>> {
  switch (row.credential.kind) {
    case 'password': {
      const weak = checkPasswordPolicy(ctx, row.credential.password, 'credential.password')
      if (weak) return err(weak)
      return ok({
        status: 'active',
        passwordHash: await ctx.passwords.hash(row.credential.password),
        mustChangePassword: false,
        password: null,
      })
    }
    case 'temporary-password': {
      const password = newTemporaryPassword(ctx.random, ctx.policy.temporaryPasswordLength)
      return ok({
        status: 'active',
        passwordHash: await ctx.passwords.hash(password),
        mustChangePassword: true,
        password,
      })
    }
    default:
      return ok({
        status: 'pending_activation',
        passwordHash: null,
        mustChangePassword: false,
        password: null,
      })
  }
}
