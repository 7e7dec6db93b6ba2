import type { Result } from 'neverthrow'
import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../domain/audit-event.js'
import { hashToken } from '../../internal/secrets.js'
import { PASSWORD, createTestRoster } from '../../test-support.js'

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
    const { roster, mailer, storage, system, tokenFor } = createTestRoster({
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
    await step('activation.link-requested', () =>
      roster.activation.requestNewLink({ email: 'ada@example.com' }),
    )
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
    await step('account.password-reset-requested', () =>
      roster.credentials.requestPasswordReset({ email: 'bob@example.com' }),
    )
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

    expect(covered.length).toBeGreaterThanOrEqual(30)

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
