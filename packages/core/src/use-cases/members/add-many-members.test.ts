import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'
import { ADD_MANY_MAX_ROWS } from './add-many-members.js'

describe('members.addMany', () => {
  it('A14: adds every good row in one call and reports each row by index, in order', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    mailer.clear()
    const output = (
      await roster.members.addMany(founder, {
        orgId: org.id,
        rows: [
          { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
          { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', type: 'guest' },
        ],
      })
    )._unsafeUnwrap()
    expect(output).toMatchObject({ added: 2, failed: 0 })
    expect(output.results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, true],
    ])
    const [ada, grace] = output.results.map((r) => (r.ok ? r.member : null))
    expect(ada).toMatchObject({ email: 'ada@example.com', membershipStatus: 'invited' })
    expect(grace).toMatchObject({ email: 'grace@example.com', type: 'guest' })
    expect(await storage.memberships.countInOrg(org.id)).toBe(3)
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([
      ['ada@example.com', 'activation'],
      ['grace@example.com', 'activation'],
    ])
  })

  it('A14: a bad row fails alone — VALIDATION with paths, the rows around it are still added', async () => {
    const { roster, orgWithFounder, storage, clock } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    await storage.blocklist.add({ emailKey: 'bounced@example.com', kind: 'bounce', createdAt: clock.now() })
    const output = (
      await roster.members.addMany(founder, {
        orgId: org.id,
        rows: [
          { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
          { email: 'nope', firstName: '', lastName: 'X' },
          { email: 'bounced@example.com', firstName: 'Bo', lastName: 'Unce' },
          { email: 'ADA@example.com', firstName: 'Ada', lastName: 'Again' },
          {
            email: 'weak@example.com',
            firstName: 'W',
            lastName: 'K',
            credential: { kind: 'password', password: 'x' },
          },
          { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
        ],
      })
    )._unsafeUnwrap()
    expect(output).toMatchObject({ added: 2, failed: 4 })
    const failures = output.results.flatMap((r) => (r.ok ? [] : [[r.index, r.error.code]]))
    expect(failures).toEqual([
      [1, 'VALIDATION'],
      [2, 'EMAIL_BLOCKED'],
      [3, 'ALREADY_MEMBER'],
      [4, 'VALIDATION'],
    ])
    const invalid = output.results[1]!
    const paths = invalid.ok ? [] : (invalid.error.details?.issues as { path: string }[]).map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['email', 'firstName']))
    expect(await storage.memberships.countInOrg(org.id)).toBe(3)
    expect(await storage.accounts.findByEmail('grace@example.com')).not.toBeNull()
    expect(await storage.accounts.findByEmail('weak@example.com')).toBeNull()
  })

  it(`A14: more than ${ADD_MANY_MAX_ROWS} rows is a VALIDATION error for the call, adding nobody`, async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const rows = Array.from({ length: ADD_MANY_MAX_ROWS + 1 }, (_, i) => ({
      email: `p${i}@example.com`,
      firstName: 'P',
      lastName: String(i),
    }))
    const error = (await roster.members.addMany(founder, { orgId: org.id, rows }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ path: 'rows', message: expect.stringContaining(String(ADD_MANY_MAX_ROWS)) }),
    ])
    expect(await storage.memberships.countInOrg(org.id)).toBe(1)
  })

  it('A14: each row follows the same permission rules as add — FORBIDDEN up front for a plain member', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    const result = await roster.members.addMany(plain, {
      orgId: org.id,
      rows: [{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
    })
    expect(result._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
  })

  it('A14: a row granting a role the actor may not hand out fails alone (R3, same rules as add)', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const output = (
      await roster.members.addMany(admin, {
        orgId: org.id,
        rows: [
          {
            email: 'ada@example.com',
            firstName: 'Ada',
            lastName: 'L',
            grants: [{ roleId: 'owner', scope: 'org' }],
          },
          {
            email: 'bob@example.com',
            firstName: 'Bob',
            lastName: 'B',
            grants: [{ roleId: 'admin', scope: 'org' }],
          },
        ],
      })
    )._unsafeUnwrap()
    expect(output.results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ESCALATION', 'ok'])
  })
})
