import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey, usernameKey } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { diffFields, type FieldChange } from '../../domain/audit-event.js'
import type { MemberView } from '../../domain/member-view.js'
import type { Membership } from '../../domain/membership.js'
import { Email, Id, Language, PersonName, Phone, Username } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { checkDepartment } from '../../internal/grants.js'
import { founderProtected, loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { issueToken } from '../../internal/tokens.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { durationMs } from '../../policy.js'
import type { AccountPatch } from '../../ports/storage.js'

export const UpdateMemberInput = z.object({
  orgId: Id,
  accountId: Id,
  // Membership fields: always the org's to edit (A17), with `members:update`.
  /** `null` moves the member out of any department. */
  departmentId: Id.nullable().optional(),
  title: z.string().trim().max(200, 'Too long').nullable().optional(),
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
 * (A6). The founder cannot be made a guest (O2). Emits `member.updated` (and `account.updated`,
 * `account.email-changed` when those change).
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

      // A17: no org takes over an identity it shares with another org.
      if (accountFields.length > 0 && !access.value.isSystem && !isSelf && row.accountOrgCount > 1) {
        return err(
          rosterError('FORBIDDEN', {
            message:
              "This person's account also belongs to another organization, so only they can change " +
              `${accountFields.join(', ')}. You can still change their department, title and type here.`,
            details: { reason: 'shared-account', fields: accountFields },
          }),
        )
      }

      // Membership fields.
      const membershipPatch: Partial<Pick<Membership, 'departmentId' | 'title' | 'type'>> = {}
      if (fields.departmentId !== undefined) membershipPatch.departmentId = fields.departmentId
      if (fields.title !== undefined) membershipPatch.title = fields.title || null
      if (fields.type !== undefined) membershipPatch.type = fields.type
      const membershipChanges = diffFields(membership, membershipPatch)
      if (membershipChanges.type && accountId === org.founderId)
        return err(founderProtected('be made a guest'))
      if (membershipChanges.departmentId && fields.departmentId) {
        const department = await checkDepartment(w.tx, orgId, fields.departmentId)
        if (department.isErr()) return err(department.error)
      }

      // Account fields.
      const pending = account.status === 'pending_activation'
      const accountPatch: AccountPatch = {}
      if (fields.firstName !== undefined) accountPatch.firstName = fields.firstName
      if (fields.lastName !== undefined) accountPatch.lastName = fields.lastName
      if (fields.phone !== undefined) accountPatch.phone = fields.phone
      if (fields.language !== undefined) accountPatch.language = fields.language
      if (fields.username !== undefined && fields.username !== account.username) {
        const rule = ctx.policy.usernameChange
        if (rule === 'never') {
          return err(rosterError('FORBIDDEN', { message: 'Usernames cannot be changed (A6).' }))
        }
        if (rule === 'after-activation' && pending) {
          return err(
            rosterError('INVALID_STATE', {
              message: 'The username can be changed once the person has activated their account (A6).',
            }),
          )
        }
        accountPatch.username = fields.username
        accountPatch.usernameKey = usernameKey(fields.username)
      }
      // A change of letter case only is cosmetic: no new link, no notice.
      const newEmail = fields.email !== undefined && fields.email !== account.email ? fields.email : undefined
      const emailMoves = newEmail !== undefined && emailKey(newEmail) !== account.emailKey
      if (newEmail !== undefined && emailMoves && (await w.tx.blocklist.isBlocked(emailKey(newEmail)))) {
        return err(rosterError('EMAIL_BLOCKED', { details: { email: newEmail } }))
      }
      // With `verify`, an active account keeps its address until the link mailed to the new one is used (A7).
      const verifyFirst = emailMoves && !pending && ctx.policy.emailChange === 'verify'
      if (newEmail !== undefined && !verifyFirst) {
        accountPatch.email = newEmail
        accountPatch.emailKey = emailKey(newEmail)
      }
      const accountChanges = diffFields(account, {
        ...accountPatch,
        usernameKey: undefined,
        emailKey: undefined,
      })

      const changes: Record<string, FieldChange> = { ...membershipChanges, ...accountChanges }
      if (verifyFirst && newEmail !== undefined) {
        const existing = await w.tx.accounts.findByEmail(emailKey(newEmail))
        if (existing && existing.id !== accountId) {
          return err(rosterError('EMAIL_TAKEN', { details: { email: newEmail } }))
        }
        changes.emailChangeRequested = { after: newEmail }
      }
      if (Object.keys(changes).length === 0) return loadMemberView(ctx, w.tx, access.value, accountId)

      let mailTo = account.email
      let mailLanguage = account.language
      if (Object.keys(accountChanges).length > 0) {
        const updated = await w.tx.accounts.update(accountId, { ...accountPatch, updatedAt: w.now })
        if (updated.status === 'not-found') return err(memberNotFound(orgId, accountId))
        if (updated.status === 'conflict') {
          if (updated.field === 'username') {
            return err(rosterError('USERNAME_TAKEN', { details: { username: fields.username } }))
          }
          return err(rosterError('EMAIL_TAKEN', { details: { email: newEmail } }))
        }
        mailTo = updated.account.email
        mailLanguage = updated.account.language
      }
      if (Object.keys(membershipChanges).length > 0) {
        await w.tx.memberships.update(orgId, accountId, { ...membershipPatch, updatedAt: w.now })
      }

      const mailData = {
        orgName: org.name,
        firstName: accountPatch.firstName ?? account.firstName,
        lastName: accountPatch.lastName ?? account.lastName,
        username: accountPatch.username ?? account.username,
      }
      if (emailMoves && pending) {
        // A5: the old address may have been a typo; its links must stop working.
        const link = await issueToken(ctx, w.tx, {
          kind: 'activation',
          accountId,
          ttlMs: durationMs(ctx.policy.activationTtl),
          now: w.now,
          revokeOlder: true,
        })
        await w.mail({
          orgId,
          to: mailTo,
          template: 'activation',
          language: mailLanguage,
          data: { ...mailData, token: link.token, url: link.url, expiresAt: link.expiresAt.toISOString() },
        })
      } else if (verifyFirst && newEmail !== undefined) {
        const link = await issueToken(ctx, w.tx, {
          kind: 'email-change',
          accountId,
          email: newEmail,
          ttlMs: durationMs(ctx.policy.resetTtl),
          now: w.now,
          revokeOlder: true,
        })
        await w.mail({
          orgId,
          to: newEmail,
          template: 'email-change-confirm',
          language: mailLanguage,
          data: {
            ...mailData,
            newEmail,
            token: link.token,
            url: link.url,
            expiresAt: link.expiresAt.toISOString(),
          },
        })
      } else if (emailMoves) {
        // Links mailed to the old address must not keep working for whoever reads it now.
        await w.tx.tokens.revokeFor(accountId, 'password-reset', w.now)
        await w.tx.tokens.revokeFor(accountId, 'email-change', w.now)
        await w.mail({
          orgId,
          to: account.email,
          template: 'email-changed-notice',
          language: mailLanguage,
          data: { ...mailData, oldEmail: account.email, newEmail: mailTo },
        })
      }

      const changed = Object.keys(changes)
      await w.audit({ orgId, action: 'member.updated', targetType: 'account', targetId: accountId, changes })
      w.emit('member.updated', { orgId, accountId, fields: changed, actor: w.actor })
      if (Object.keys(accountChanges).length > 0) {
        w.emit('account.updated', { accountId, fields: Object.keys(accountChanges), actor: w.actor })
      }
      if (accountChanges.email && emailMoves) w.emit('account.email-changed', { accountId, actor: w.actor })
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
