import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('X4: orgs input validation', () => {
  it('X4: bad input to every orgs use-case is VALIDATION naming the field, and nothing changes', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const auditBefore = await storage.audit.list({ orgId: org.id, limit: 100 })
    const attempts = {
      create: [await roster.orgs.create(founder, { name: '' }), 'name'],
      get: [await roster.orgs.get(founder, { orgId: '' }), 'orgId'],
      update: [await roster.orgs.update(founder, { orgId: org.id, name: 'x'.repeat(201) }), 'name'],
      delete: [await roster.orgs.delete(founder, {} as never), 'orgId'],
      transferFoundership: [
        await roster.orgs.transferFoundership(founder, { orgId: org.id, toAccountId: '' }),
        'toAccountId',
      ],
    } as const
    for (const [name, [result, path]] of Object.entries(attempts)) {
      const error = result._unsafeUnwrapErr()
      expect(error.code, name).toBe('VALIDATION')
      const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
      expect(paths, name).toContain(path)
    }
    expect(await storage.orgs.findById(org.id)).toMatchObject({ name: 'Acme', founderId: founder.accountId })
    expect(await storage.orgs.listForAccount(founder.accountId)).toHaveLength(1)
    expect(await storage.audit.list({ orgId: org.id, limit: 100 })).toEqual(auditBefore)
  })
})
