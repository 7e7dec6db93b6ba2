import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('X4: members input validation', () => {
  it('X4: bad input to every members use-case is VALIDATION naming the field, and nothing is stored or mailed', async () => {
    const { roster, orgWithFounder, member, storage, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    const auditBefore = await storage.audit.list({ orgId: org.id, limit: 100 })
    mailer.clear()
    const bad = { orgId: '', accountId: 42 as unknown as string }
    const attempts = {
      add: [
        await roster.members.add(founder, { orgId: org.id, email: '', firstName: 'A', lastName: 'B' }),
        'email',
      ],
      addMany: [await roster.members.addMany(founder, { orgId: org.id, rows: 'nope' as never }), 'rows'],
      get: [await roster.members.get(founder, bad), 'accountId'],
      list: [await roster.members.list(founder, { orgId: org.id, status: 'gone' as 'active' }), 'status'],
      update: [await roster.members.update(founder, { ...bad, title: 'x'.repeat(201) }), 'title'],
      disable: [await roster.members.disable(founder, bad), 'orgId'],
      enable: [await roster.members.enable(founder, bad), 'orgId'],
      remove: [await roster.members.remove(founder, bad), 'accountId'],
      leave: [await roster.members.leave(person, { orgId: '' }), 'orgId'],
      acceptInvitation: [await roster.members.acceptInvitation(person, {} as never), 'orgId'],
      declineInvitation: [await roster.members.declineInvitation(person, { orgId: ' ' }), 'orgId'],
    } as const
    for (const [name, [result, path]] of Object.entries(attempts)) {
      const error = result._unsafeUnwrapErr()
      expect(error.code, name).toBe('VALIDATION')
      const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
      expect(paths, name).toContain(path)
    }
    expect(await storage.memberships.countInOrg(org.id)).toBe(2)
    expect(await storage.memberships.find(org.id, person.accountId)).toMatchObject({
      status: 'active',
      title: null,
    })
    expect(await storage.audit.list({ orgId: org.id, limit: 100 })).toEqual(auditBefore)
    expect(mailer.sent).toHaveLength(0)
  })
})
