import type { Result } from 'neverthrow'
import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../domain/audit-event.js'
import { hashToken } from '../../internal/secrets.js'
import { PASSWORD, createTestRoster } from '@roster/test-support'

const NEW_PASSWORD = 'a brand new passphrase 42'
const RESET_PASSWORD = 'reset passphrase from the link'

/**
 * Runs every changing use-case Roster has, one after the other, on one roster. Each step must
 * succeed and append at least one audit row with its action (E1). At the end, every audit row is
 * searched for every secret the run used or stored (X1, X2): passwords, mailed tokens, their
 * hashes, password hashes. None may appear.
 */
describe('audit coverage', () => {
  it('E1, X1: every changing use-case writes an audit row, and no row holds a secret', async () => {
    const { roster, mailer, storage, system, tokenFor, activeAccount } = createTestRoster({
      policy: { emailChange: 'verify' },
    })
    const orgIds: Array<string | null> = [null]
    const accountIds = new Set<string>()
    const passwordHashes = new Set<string>()

    async function allRows(): Promise<AuditEvent[]> {
      const rows: AuditEvent[] = []
      for (const orgId of orgIds) rows.push(...(await storage.audit.list({ orgId, limit: 100_000 })))
      return rows
    }
    async function rememberHashes() {
      for (const id of accountIds) {
        const hash = (await storage.accounts.findById(id))?.passwordHash
        if (hash) passwordHashes.add(hash)
      }
    }
    /** Public link requests may deliver after answering (no timing oracle): wait for their mail. */
    async function settleMail() {
      const drain = (roster.outbox as { drain?: () => PromiseLike<unknown> }).drain
      if (drain) await drain()
    }
    const covered: string[] = []
    /** Runs one use-case; it must succeed and append a row with `action`. */
    async function step<T, E>(
      action: string,
      run: () => PromiseLike<Result<T, E>>,
      /** For a use-case that creates an org: its id, so its audit rows are read too. */
      newOrg?: (value: T) => string,
    ): Promise<T> {
      const before = new Set((await allRows()).map((row) => row.id))
      const result = await run()
      expect(result.isOk(), `${action}: ${result.isErr() ? JSON.stringify(result.error) : ''}`).toBe(true)
      if (newOrg) orgIds.push(newOrg(result._unsafeUnwrap()))
      const added = (await allRows()).filter((row) => !before.has(row.id))
      expect(
        added.map((row) => row.action),
        `${action} must write an audit row`,
      ).toContain(action)
      covered.push(action)
      await rememberHashes()
      return result._unsafeUnwrap()
    }

    // Accounts and activation
    const fay = await step('account.signed-up', () =>
      roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'Founder' }),
    )
    accountIds.add(fay.id)
    await step('account.activated', () =>
      roster.activation.activate({ token: tokenFor('fay@example.com'), password: PASSWORD }),
    )
    const founder = { accountId: fay.id }

    // Orgs
    const acme = await step(
      'org.created',
      () => roster.orgs.create(founder, { name: 'Acme' }),
      (org) => org.id,
    )
    await step('org.updated', () => roster.orgs.update(founder, { orgId: acme.id, name: 'Acme Property' }))

    // Members, credentials
    const ada = await step('member.added', () =>
      roster.members.add(founder, {
        orgId: acme.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      }),
    )
    accountIds.add(ada.accountId)
    await step('activation.resent', () =>
      roster.activation.resend(founder, { orgId: acme.id, accountId: ada.accountId }),
    )
    // EN4: the request's transaction runs after its answer; drain waits for it.
    await step('activation.link-requested', async () => {
      const answer = await roster.activation.requestNewLink({ email: 'ada@example.com' })
      await settleMail()
      return answer
    })
    await settleMail()
    await step('account.updated', () =>
      roster.accounts.updateProfile(founder, { accountId: ada.accountId, firstName: 'Adah' }),
    )
    await step('member.activated', () =>
      roster.activation.activate({ token: tokenFor('ada@example.com'), password: PASSWORD }),
    )
    const bob = await step('member.added', () =>
      roster.members.add(founder, {
        orgId: acme.id,
        email: 'bob@example.com',
        firstName: 'Bob',
        lastName: 'B',
        credential: { kind: 'password', password: PASSWORD },
      }),
    )
    accountIds.add(bob.accountId)
    const cyd = await step('member.added', () =>
      roster.members.add(founder, {
        orgId: acme.id,
        email: 'cyd@example.com',
        firstName: 'Cyd',
        lastName: 'C',
        credential: { kind: 'temporary-password' },
      }),
    )
    accountIds.add(cyd.accountId)
    const many = await step('member.added', () =>
      roster.members.addMany(founder, {
        orgId: acme.id,
        rows: [{ email: 'dan@example.com', firstName: 'Dan', lastName: 'D' }],
      }),
    )
    const dan = many.results[0]
    expect(dan?.ok).toBe(true)
    const danId = dan?.ok ? dan.member.accountId : ''
    accountIds.add(danId)
    await step('member.updated', () =>
      roster.members.update(founder, { orgId: acme.id, accountId: bob.accountId, title: 'Night shift' }),
    )
    await step('member.disabled', () =>
      roster.members.disable(founder, { orgId: acme.id, accountId: bob.accountId }),
    )
    await step('member.enabled', () =>
      roster.members.enable(founder, { orgId: acme.id, accountId: bob.accountId }),
    )

    const bobActor = { accountId: bob.accountId }
    await step('account.password-changed', () =>
      roster.credentials.changePassword(bobActor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    )
    await step('account.password-reset-requested', async () => {
      const answer = await roster.credentials.requestPasswordReset({ email: 'bob@example.com' })
      await settleMail()
      return answer
    })
    await settleMail()
    await step('account.password-reset', () =>
      roster.credentials.resetPassword({ token: tokenFor('bob@example.com'), password: RESET_PASSWORD }),
    )
    await step('account.identity-linked', () =>
      roster.accounts.linkIdentity(bobActor, {
        accountId: bob.accountId,
        provider: 'oidc:google',
        subject: 'sub-1',
      }),
    )
    await step('account.email-change-requested', () =>
      roster.accounts.changeEmail(bobActor, { accountId: bob.accountId, email: 'bob2@example.com' }),
    )
    await step('account.email-changed', () =>
      roster.accounts.confirmEmail({ token: tokenFor('bob2@example.com') }),
    )
    await step('account.disabled', () => roster.accounts.disable(system, { accountId: cyd.accountId }))
    await step('account.enabled', () => roster.accounts.enable(system, { accountId: cyd.accountId }))

    // Roles and resources
    const orgId = acme.id
    const tower = await step('resource.created', () =>
      roster.resources.create(founder, { orgId, type: 'building', name: 'Tower A' }),
    )
    const caretaker = await step('role.defined', () =>
      roster.roles.define(founder, { orgId, name: 'Caretaker', permissions: ['members:read'] }),
    )
    await step('role.updated', () =>
      roster.roles.update(founder, { orgId, roleId: caretaker.id, name: 'Caretakers' }),
    )
    const atTower = { resourceId: tower.id }
    await step('role.assigned', () =>
      roster.roles.assign(founder, {
        orgId,
        accountId: ada.accountId,
        grants: [{ roleId: caretaker.id, scope: atTower }],
      }),
    )
    await step('role.revoked', () =>
      roster.roles.revoke(founder, { orgId, accountId: ada.accountId, roleId: caretaker.id, scope: atTower }),
    )
    await step('role.deleted', () => roster.roles.delete(founder, { orgId, roleId: caretaker.id }))
    await step('resource.deleted', () => roster.resources.delete(founder, { orgId, resourceId: tower.id }))

    // Departments
    const sales = await step('department.created', () =>
      roster.departments.create(founder, { orgId, name: 'Sales' }),
    )
    await step('department.renamed', () =>
      roster.departments.rename(founder, { orgId, departmentId: sales.id, name: 'Sales & Marketing' }),
    )
    await step('department.deleted', () =>
      roster.departments.delete(founder, { orgId, departmentId: sales.id }),
    )

    // Licenses and numbers
    const product = 'phone-line'
    await step('license.pool-created', () =>
      roster.licenses.createPool(founder, { orgId, product, seats: 2 }),
    )
    await step('license.seats-added', () => roster.licenses.addSeats(founder, { orgId, product, count: 2 }))
    await step('license.seats-removed', () =>
      roster.licenses.removeSeats(founder, { orgId, product, count: 1 }),
    )
    await step('license.assigned', () =>
      roster.licenses.assign(founder, { orgId, product, accountId: ada.accountId }),
    )
    await step('license.unassigned', () =>
      roster.licenses.unassign(founder, { orgId, product, accountId: ada.accountId }),
    )
    const number = '+14155550123'
    await step('number.imported', () => roster.numbers.import(founder, { orgId, numbers: [number] }))
    await step('number.assigned', () =>
      roster.numbers.assign(founder, { orgId, number, accountId: ada.accountId }),
    )
    await step('number.unassigned', () => roster.numbers.unassign(founder, { orgId, number }))
    await step('number.removed', () => roster.numbers.remove(founder, { orgId, number }))

    // Join requests
    const eve = await activeAccount('eve@example.com')
    const gus = await activeAccount('gus@example.com')
    accountIds.add(eve.accountId).add(gus.accountId)
    const approved = await step('join-request.created', () =>
      roster.joinRequests.create(eve, { orgId, message: 'I run the night shift.' }),
    )
    await step('join-request.approved', () =>
      roster.joinRequests.approve(founder, { requestId: approved.id }),
    )
    const denied = await step('join-request.created', () => roster.joinRequests.create(gus, { orgId }))
    await step('join-request.denied', () =>
      roster.joinRequests.deny(founder, { requestId: denied.id, reason: 'Staff only' }),
    )
    const cancelled = await step('join-request.created', () => roster.joinRequests.create(gus, { orgId }))
    await step('join-request.cancelled', () => roster.joinRequests.cancel(gus, { requestId: cancelled.id }))

    // A second org: invitations, leaving, foundership, deletion
    const beta = await step(
      'org.created',
      () => roster.orgs.create(bobActor, { name: 'Beta' }),
      (org) => org.id,
    )
    await step('member.added', () =>
      roster.members.add(bobActor, {
        orgId: beta.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
      }),
    )
    await step('member.invitation-accepted', () =>
      roster.members.acceptInvitation({ accountId: ada.accountId }, { orgId: beta.id }),
    )
    await step('member.added', () =>
      roster.members.add(bobActor, {
        orgId: beta.id,
        email: 'fay@example.com',
        firstName: 'F',
        lastName: 'F',
      }),
    )
    await step('member.invitation-declined', () =>
      roster.members.declineInvitation(founder, { orgId: beta.id }),
    )
    await step('member.left', () => roster.members.leave({ accountId: ada.accountId }, { orgId: beta.id }))
    await step('member.removed', () => roster.members.remove(founder, { orgId: acme.id, accountId: danId }))
    await step('org.foundership-transferred', () =>
      roster.orgs.transferFoundership(founder, { orgId: acme.id, toAccountId: bob.accountId }),
    )
    await step('org.deleted', () => roster.orgs.delete(bobActor, { orgId: beta.id }))

    // Mail
    await step('mail.blocked', () => roster.mail.reportBounce({ email: 'gone@example.com', kind: 'bounce' }))
    await step('mail.unblocked', () => roster.mail.unblock(system, { email: 'gone@example.com' }))

    expect(covered.length).toBeGreaterThanOrEqual(55)

    // Every secret of the run: typed passwords, mailed passwords and tokens, stored hashes.
    const mailed = mailer.sent.flatMap((m) => [m.data.token, m.data.password]).filter(Boolean) as string[]
    const tokens = mailer.sent.map((m) => m.data.token).filter((t): t is string => typeof t === 'string')
    expect(tokens.length).toBeGreaterThanOrEqual(6)
    expect(mailer.sent.some((m) => typeof m.data.password === 'string')).toBe(true)
    expect(passwordHashes.size).toBeGreaterThanOrEqual(4)
    const secrets = new Set([
      PASSWORD,
      NEW_PASSWORD,
      RESET_PASSWORD,
      ...mailed,
      ...tokens.map(hashToken),
      ...passwordHashes,
    ])

    const rows = await allRows()
    expect(rows.length).toBeGreaterThanOrEqual(covered.length)
    for (const row of rows) {
      const json = JSON.stringify(row)
      for (const secret of secrets) {
        expect(json.includes(secret), `audit row ${row.action} holds a secret`).toBe(false)
      }
      // Secret fields appear by name only (E1).
      for (const field of ['password', 'passwordHash', 'token', 'hash', 'currentPassword', 'newPassword']) {
        const change = row.changes[field]
        if (change) expect(change, `${row.action}.changes.${field}`).toEqual({})
      }
    }
  })
})
