// The account-authority rules (AA1–AA8, docs/guides/account-authority.md) through the use-cases, on
// the storage under test: ownership is read from memberships and the audit trail, the outrank check
// from grants and roles, so every adapter must answer those reads the same way inside a transaction.
import { describe, expect } from 'vitest'
import { createRoster } from '../../create-roster.js'
import { scryptPasswordHasher } from '../../defaults/scrypt-password-hasher.js'
import { systemActor } from '../../domain/actor.js'
import type { Grant } from '../../domain/grant.js'
import type { Storage } from '../../ports/storage.js'
import { createFixedClock } from '../fixed-clock.js'
import { createMemoryMailer } from '../memory-mailer.js'
import type { ConformanceTest } from './harness.js'

const PASSWORD = 'correct horse battery staple'
const system = systemActor('conformance')

/** A roster over the storage under test, with the few people every scenario needs. */
async function authorityWorld(storage: Storage) {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage,
    mailer,
    clock: createFixedClock(),
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
  })
  const ok = <T>(result: { _unsafeUnwrap(): T }) => result._unsafeUnwrap()

  async function person(email: string): Promise<{ accountId: string }> {
    const account = ok(await roster.accounts.signUp({ email, firstName: 'Pat', lastName: 'Person' }))
    const token = mailer.last(email)?.data.token as string
    ok(await roster.activation.activate({ token, password: PASSWORD }))
    return { accountId: account.id }
  }
  async function orgOf(name: string) {
    const founder = await person(`founder@${name.toLowerCase()}.test`)
    const org = ok(await roster.orgs.create(founder, { name }))
    return { org, founder }
  }
  async function member(orgId: string, email: string, grants?: Grant[]): Promise<{ accountId: string }> {
    const view = ok(
      await roster.members.add(system, {
        orgId,
        email,
        firstName: 'Max',
        lastName: 'Member',
        grants,
        credential: { kind: 'password', password: PASSWORD },
      }),
    )
    return { accountId: view.accountId }
  }
  return { roster, mailer, ok, person, orgOf, member }
}

export function accountAuthorityConformance(test: ConformanceTest): void {
  describe('account authority (issue 12)', () => {
    test('AA3: a role with members:update cannot readdress an admin; an admin can edit a plain member', async ({
      storage,
    }) => {
      const { roster, mailer, ok, orgOf, member } = await authorityWorld(storage)
      const { org, founder } = await orgOf('Acme')
      const admin = await member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
      const plain = await member(org.id, 'plain@acme.test')
      const role = ok(
        await roster.roles.define(founder, {
          orgId: org.id,
          name: 'Editor',
          permissions: ['members:read', 'members:update'],
        }),
      )
      const editor = await member(org.id, 'editor@acme.test', [{ roleId: role.id, scope: 'org' }])
      const sent = mailer.sent.length
      const refused = await roster.members.update(editor, {
        orgId: org.id,
        accountId: admin.accountId,
        email: 'editor+x@acme.test',
      })
      expect(refused._unsafeUnwrapErr()).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'outranked' },
      })
      expect((await storage.accounts.findById(admin.accountId))?.email).toBe('admin@acme.test')
      expect(mailer.sent.length).toBe(sent)
      ok(await roster.accounts.updateProfile(editor, { accountId: plain.accountId, firstName: 'Pia' }))
      expect((await storage.accounts.findById(plain.accountId))?.firstName).toBe('Pia')
    })

    test("AA2, AA5, AA6, AA7: an org that only invited another org's people has no power over their accounts", async ({
      storage,
    }) => {
      const { roster, mailer, ok, orgOf, member } = await authorityWorld(storage)
      const beta = await orgOf('Beta')
      const bAdmin = await member(beta.org.id, 'admin@beta.test', [{ roleId: 'admin', scope: 'org' }])
      ok(
        await roster.accounts.updateProfile(bAdmin, {
          accountId: bAdmin.accountId,
          phone: '+1 415 555 0100',
        }),
      )
      const bPending = ok(
        await roster.members.add(beta.founder, {
          orgId: beta.org.id,
          email: 'new@beta.test',
          firstName: 'N',
          lastName: 'B',
        }),
      )
      const alpha = await orgOf('Alpha')
      for (const email of ['admin@beta.test', 'new@beta.test']) {
        ok(
          await roster.members.add(alpha.founder, {
            orgId: alpha.org.id,
            email,
            firstName: 'A',
            lastName: 'Typed',
          }),
        )
      }
      const sent = mailer.sent.length
      const refusals = [
        await roster.accounts.disable(alpha.founder, { accountId: bAdmin.accountId }),
        await roster.accounts.get(alpha.founder, { accountId: bAdmin.accountId }),
        await roster.activation.resend(alpha.founder, { orgId: alpha.org.id, accountId: bPending.accountId }),
      ]
      for (const result of refusals) expect(result._unsafeUnwrapErr().code).toBe('FORBIDDEN')
      expect(mailer.sent.length).toBe(sent)
      expect((await storage.accounts.findById(bAdmin.accountId))?.status).toBe('active')
      const view = ok(
        await roster.members.get(alpha.founder, { orgId: alpha.org.id, accountId: bAdmin.accountId }),
      )
      expect(view).toMatchObject({ firstName: '', lastName: '', phone: null })
      // The org that created the pending account still reissues its link.
      ok(await roster.activation.resend(beta.founder, { orgId: beta.org.id, accountId: bPending.accountId }))
    })

    test('AA8: removing an invitation to a pending sign-up keeps the account; removing a pending person the org created deletes it', async ({
      storage,
    }) => {
      const { roster, ok, orgOf } = await authorityWorld(storage)
      const { org, founder } = await orgOf('Acme')
      const signedUp = ok(
        await roster.accounts.signUp({ email: 'self@example.com', firstName: 'S', lastName: 'U' }),
      )
      ok(
        await roster.members.add(founder, {
          orgId: org.id,
          email: 'self@example.com',
          firstName: 'S',
          lastName: 'U',
        }),
      )
      ok(await roster.members.remove(founder, { orgId: org.id, accountId: signedUp.id }))
      expect(await storage.accounts.findById(signedUp.id)).not.toBeNull()
      const own = ok(
        await roster.members.add(founder, {
          orgId: org.id,
          email: 'own@acme.test',
          firstName: 'O',
          lastName: 'A',
        }),
      )
      ok(await roster.members.remove(founder, { orgId: org.id, accountId: own.accountId }))
      expect(await storage.accounts.findById(own.accountId)).toBeNull()
    })
  })
}
