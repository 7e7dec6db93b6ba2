import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type Account, emailKey } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { diffFields } from '../../domain/audit-event.js'
import type { MemberView } from '../../domain/member-view.js'
import type { Membership } from '../../domain/membership.js'
import { Email, Id, Language, PersonName, Phone, Username } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { profileChanges, profilePatch, usernameChangeRefused } from '../../internal/account-edit.js'
import { loadAccess } from '../../internal/authorize.js'
import { checkDepartment } from '../../internal/grants.js'
import { announceEmailSwitch, emailChangeRefused, requestEmailChange } from '../../internal/email-change.js'
import { founderProtected, loadMemberView, memberNotFound } from '../../internal/members.js'
import { authorizeAccountAction } from '../../internal/account-authority.js'
import { managedConflict } from '../../internal/managed-fields.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { checkUsernameOfEmail } from '../../internal/username-rule.js'
import { switchEmail } from '../accounts/change-email.js'

export const UpdateMemberInput = z.object({
  orgId: Id,
  accountId: Id,
  // Membership fields: always the org's to edit (A17), with `members:update`.
  /** `null` moves the member out of any department. */
  departmentId: Id.nullable().optional(),
  title: policedText('line', { min: 0, max: 200 }).nullable().optional(),
  type: z.enum(['employee', 'guest']).optional(),
  // Account fields: the person's own identity, shared by every org they belong to (A17).
  firstName: PersonName.optional(),
  lastName: PersonName.optional(),
  email: Email.optional(),
  username: Username.optional(),
  /** `null` clears the number. */
  phone: Phone.nullable().optional(),
  language: Language.optional(),
})
export type UpdateMemberInput = z.input<typeof UpdateMemberInput>
export type UpdateMemberError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'FOUNDER_PROTECTED'
  | 'DEPARTMENT_NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'EMAIL_BLOCKED'
  | 'USERNAME_TAKEN'
  | 'INVALID_STATE'
  | 'NOT_LICENSABLE'
  | 'MANAGED_EXTERNALLY'
  | 'STORAGE_FAILURE'
>

const MEMBERSHIP_FIELDS = ['departmentId', 'title', 'type'] as const
const ACCOUNT_FIELDS = ['firstName', 'lastName', 'email', 'username', 'phone', 'language'] as const

/**
 * Edits a member: membership fields (department, title, type) with `members:update`, and account
 * fields (names, email, username, phone, language) under A17 — an org admin edits them only while
 * the account belongs to no other org (otherwise `FORBIDDEN`, saying why); the person themself and
 * the system actor always may. While the account is pending (A5) an admin may correct it, and a
 * new email revokes the activation links and mails a fresh one to the new address. For an active
 * account the email changes per `policy.emailChange` (A7: at once with a notice to the old address,
 * or after the link mailed to the new one is used), and the username per `policy.usernameChange`
 * (A6). The founder cannot be made a guest, nor anyone holding seats or numbers (L3: `NOT_LICENSABLE`), and only they (or the system) change their
 * account (O2). Emits `member.updated` (and `account.updated`,
 * `account.email-changed` or `account.email-change-requested` when those happen). Email changes are
 * audited as `account.email-changed` / `account.email-change-requested`, like `accounts.changeEmail`.
 *
 * @example
 * await roster.members.update(admin, { orgId, accountId, title: 'Site manager', email: 'ada@acme.test' })
 */
export function updateMember(
  ctx: RosterContext,
  actor: Actor,
  input: UpdateMemberInput,
): ResultAsync<MemberView, UpdateMemberError> {
  return runUseCase(async () => {
    const parsed = parseInput(UpdateMemberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId, ...fields } = parsed.value
    const membershipFields = MEMBERSHIP_FIELDS.filter((field) => fields[field] !== undefined)
    const accountFields = ACCOUNT_FIELDS.filter((field) => fields[field] !== undefined)

    return inTransaction<MemberView, UpdateMemberError>(ctx, toAuditActor(actor), async (w) => {
      const access = await loadAccess(w.tx, actor, orgId)
      if (access.isErr()) return err(access.error)
      const { org } = access.value
      const isSelf = access.value.accountId === accountId
      const mayUpdateMembers = access.value.can('members:update')
      if ((membershipFields.length > 0 || (accountFields.length > 0 && !isSelf)) && !mayUpdateMembers) {
        return err(
          rosterError('FORBIDDEN', {
            message: 'You need the members:update permission.',
            details: { permission: 'members:update' },
          }),
        )
      }
      const row = await w.tx.memberships.row(orgId, accountId)
      if (!row) return err(memberNotFound(orgId, accountId))
      const { account, membership } = row

      // S3: the source wins. Membership fields a directory connection manages are changed there.
      if (!access.value.isSystem && membership.source !== 'local') {
        const differs = (field: string, current: unknown, next: unknown) =>
          next !== undefined && (next || null) !== current ? [field] : []
        const touched = [
          ...differs('title', membership.title, fields.title),
          ...differs('departmentId', membership.departmentId, fields.departmentId),
          ...differs('type', membership.type, fields.type),
        ]
        const managed = await managedConflict(w.tx, membership, touched)
        if (managed) return err(managed)
      }

      // Account fields are the person's identity across every org: the one account-authority check
      // decides (AA1–AA4: the person, the system, or an admin of the owning org who outranks them;
      // O2; S3 for managed fields). Only fields whose value would change count, so a form that sends
      // the account fields back unchanged still saves the membership fields.
      const accountChanges = Object.fromEntries(
        accountFields.flatMap((field) =>
          fields[field] !== account[field] ? [[field, fields[field]] as const] : [],
        ),
      )
      let adminInitiated = false
      if (Object.keys(accountChanges).length > 0) {
        const authority = await authorizeAccountAction(w.tx, actor, accountId, 'edit', {
          orgId,
          changes: accountChanges,
        })
        if (authority.isErr()) {
          // The row was read in this transaction, so the account exists: never ACCOUNT_NOT_FOUND.
          const { error } = authority
          if (error.code === 'ACCOUNT_NOT_FOUND') return err(memberNotFound(orgId, accountId))
          return err(error as RosterError<Exclude<typeof error.code, 'ACCOUNT_NOT_FOUND'>>)
        }
        adminInitiated = authority.value.via.kind === 'org-admin'
      }

      // Membership fields.
      const membershipPatch: Partial<Pick<Membership, 'departmentId' | 'title' | 'type'>> = {}
      if (fields.departmentId !== undefined) membershipPatch.departmentId = fields.departmentId
      if (fields.title !== undefined) membershipPatch.title = fields.title || null
      if (fields.type !== undefined) membershipPatch.type = fields.type
      const membershipChanges = diffFields(membership, membershipPatch)
      if (membershipChanges.type && accountId === org.founderId)
        return err(founderProtected('be made a guest'))
      // L3: guests are never licensed; their seats and numbers are freed explicitly first, not silently.
      if (
        fields.type === 'guest' &&
        membershipChanges.type &&
        (row.licenses.length > 0 || row.numbers.length > 0)
      ) {
        return err(
          rosterError('NOT_LICENSABLE', {
            message: 'Guests are never licensed: unassign their license seats and phone numbers first.',
            details: { licenses: row.licenses, numbers: row.numbers },
          }),
        )
      }
      if (membershipChanges.departmentId && fields.departmentId) {
        const department = await checkDepartment(w.tx, orgId, fields.departmentId)
        if (department.isErr()) return err(department.error)
      }

      // Profile fields: names, phone, language, username (A6).
      const profile = profileChanges(account, fields)
      if (profile.username !== undefined) {
        const refused =
          usernameChangeRefused(ctx, account) ?? checkUsernameOfEmail(profile.username, account.email)
        if (refused) return err(refused)
      }
      const profileDiff = diffFields<Account>(account, profile)

      // Email (A5, A7, A11): checked before anything is written.
      const newEmail = fields.email !== undefined && fields.email !== account.email ? fields.email : undefined
      const readdressed = newEmail !== undefined && emailKey(newEmail) !== account.emailKey
      if (newEmail !== undefined && readdressed) {
        const refused = await emailChangeRefused(w.tx, accountId, newEmail)
        if (refused) return err(refused)
      }

      const changed = [...Object.keys(membershipChanges), ...Object.keys(profileDiff)]
      if (changed.length === 0 && newEmail === undefined)
        return loadMemberView(ctx, w.tx, access.value, accountId)

      let current = account
      if (Object.keys(profileDiff).length > 0) {
        const updated = await w.tx.accounts.update(accountId, profilePatch(profile, w.now))
        if (updated.status === 'not-found') return err(memberNotFound(orgId, accountId))
        if (updated.status === 'conflict') {
          return err(rosterError('USERNAME_TAKEN', { details: { username: profile.username } }))
        }
        current = updated.account
      }
      if (Object.keys(membershipChanges).length > 0) {
        await w.tx.memberships.update(orgId, accountId, { ...membershipPatch, updatedAt: w.now })
      }
      if (changed.length > 0) {
        await w.audit({
          orgId,
          action: 'member.updated',
          targetType: 'account',
          targetId: accountId,
          changes: { ...membershipChanges, ...profileDiff },
        })
      }
      if (Object.keys(profileDiff).length > 0) {
        w.emit('account.updated', { accountId, fields: Object.keys(profileDiff), actor: w.actor })
      }

      if (newEmail !== undefined) {
        // With `verify`, an active account keeps its address until the link mailed to the new one is used (A7).
        // AA4: an admin readdressing an active account always goes through the new address.
        const verifyFirst =
          readdressed &&
          current.status !== 'pending_activation' &&
          (ctx.policy.emailChange === 'verify' || adminInitiated)
        if (verifyFirst) {
          await requestEmailChange(ctx, w, current, newEmail, org)
        } else {
          // Audits `account.email-changed` and revokes the links mailed to the old address.
          const switched = await switchEmail(w, current, newEmail, orgId)
          if (switched.isErr()) {
            if (switched.error.code === 'EMAIL_TAKEN') {
              return err(rosterError('EMAIL_TAKEN', { details: { email: newEmail } }))
            }
            return err(memberNotFound(orgId, accountId))
          }
          changed.push('email')
          // A5, A7: a fresh activation link to the new address, or a notice to the old one.
          await announceEmailSwitch(ctx, w, current, switched.value, org)
        }
      }
      if (changed.length > 0) w.emit('member.updated', { orgId, accountId, fields: changed, actor: w.actor })
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
