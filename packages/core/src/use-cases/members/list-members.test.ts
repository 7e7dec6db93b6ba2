import { memoryStorage } from '@roster/adapter-memory'
import { describe, expect, it } from 'vitest'
import type { MemberPageQuery, Storage } from '../../ports/storage.js'
import { createTestRoster } from '@roster/test-support'

/** Memory storage that records every directory page query, to prove one read per page. */
function countingStorage() {
  const base = memoryStorage()
  const pages: MemberPageQuery[] = []
  let rows = 0
  const storage: Storage = {
    ...base,
    memberships: {
      ...base.memberships,
      page: (query) => {
        pages.push(query)
        return base.memberships.page(query)
      },
      row: (orgId, accountId) => {
        rows++
        return base.memberships.row(orgId, accountId)
      },
    },
  }
  return { storage, pages, rowReads: () => rows }
}

async function directory(count: number) {
  const test = createTestRoster()
  const { org, founder } = await test.orgWithFounder()
  const ids = [founder.accountId]
  for (let i = 0; i < count; i++) ids.push((await test.member(org.id, `p${i}@example.com`)).accountId)
  return { ...test, org, founder, ids }
}

describe('members.list', () => {
  it('pages with an opaque keyset cursor in join order, with no empty last page', async () => {
    const { roster, org, founder, ids } = await directory(5)
    const seen: string[] = []
    const cursors: (string | null)[] = []
    let cursor: string | undefined
    do {
      const page = (await roster.members.list(founder, { orgId: org.id, limit: 3, cursor }))._unsafeUnwrap()
      seen.push(...page.items.map((item) => item.accountId))
      cursors.push(page.nextCursor)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(ids)
    expect(cursors).toHaveLength(2)
    expect(cursors[0]).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(cursors[1]).toBeNull()
  })

  it('defaults to 50 per page', async () => {
    const { roster, org, founder } = await directory(2)
    const page = (await roster.members.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(page.items).toHaveLength(3)
    expect(page.nextCursor).toBeNull()
  })

  it('reads one page from storage (limit + 1 rows), never one row per member', async () => {
    const counting = countingStorage()
    const { roster, orgWithFounder, member } = createTestRoster({ storage: counting.storage })
    const { org, founder } = await orgWithFounder()
    for (let i = 0; i < 4; i++) await member(org.id, `p${i}@example.com`)
    const rowReadsBefore = counting.rowReads()
    const page = (await roster.members.list(founder, { orgId: org.id, limit: 2 }))._unsafeUnwrap()
    expect(page.items).toHaveLength(2)
    expect(counting.pages).toHaveLength(1)
    expect(counting.pages[0]).toMatchObject({ orgId: org.id, limit: 3 })
    expect(counting.rowReads()).toBe(rowReadsBefore)
  })

  it('X4: a limit outside 1..200 or not whole is VALIDATION, never silently capped', async () => {
    const { roster, org, founder } = await directory(0)
    for (const limit of [0, 201, 2.5]) {
      const error = (await roster.members.list(founder, { orgId: org.id, limit }))._unsafeUnwrapErr()
      expect(error.code).toBe('VALIDATION')
      expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'limit' })])
    }
    expect((await roster.members.list(founder, { orgId: org.id, limit: 200 })).isOk()).toBe(true)
  })

  it('X4: a cursor Roster did not issue is VALIDATION at cursor', async () => {
    const { roster, org, founder } = await directory(0)
    for (const cursor of ['not a cursor!', Buffer.from('x\u0000y').toString('base64url')]) {
      const error = (await roster.members.list(founder, { orgId: org.id, cursor }))._unsafeUnwrapErr()
      expect(error.code).toBe('VALIDATION')
      expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'cursor' })])
    }
  })

  it('filters by search, status, type and role', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const guest = await member(org.id, 'grace@example.com', undefined, 'guest')
    const invited = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    const ids = async (filters: Record<string, unknown>) =>
      (await roster.members.list(founder, { orgId: org.id, ...filters }))
        ._unsafeUnwrap()
        .items.map((item) => item.accountId)
    expect(await ids({ search: 'LOVE' })).toEqual([invited.accountId])
    expect(await ids({ search: 'ada lov' })).toEqual([invited.accountId])
    expect(await ids({ search: 'grace@' })).toEqual([guest.accountId])
    expect(await ids({ search: '  ' })).toHaveLength(4)
    expect(await ids({ status: 'invited' })).toEqual([invited.accountId])
    expect(await ids({ type: 'guest' })).toEqual([guest.accountId])
    expect(await ids({ roleId: 'admin' })).toEqual([admin.accountId])
    expect(await ids({ departmentId: 'no-such-department' })).toEqual([])
  })

  it("L7: licensed filters by the org's required products (employees only can be incomplete)", async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const employee = await member(org.id, 'emp@example.com')
    const guest = await member(org.id, 'guest@example.com', undefined, 'guest')
    const list = async (licensed: boolean) =>
      (await roster.members.list(founder, { orgId: org.id, licensed }))._unsafeUnwrap().items
    expect((await list(false)).map((item) => item.accountId)).toEqual([])

    ;(
      await roster.orgs.update(founder, { orgId: org.id, settings: { requiredProducts: ['one-office'] } })
    )._unsafeUnwrap()
    const incomplete = await list(false)
    expect(incomplete.map((item) => item.accountId)).toEqual([founder.accountId, employee.accountId])
    expect(incomplete.every((item) => item.licensed === false)).toBe(true)
    expect((await list(true)).map((item) => item.accountId)).toEqual([guest.accountId])
  })

  it('O5: reading the directory needs members:read — a plain member may, a stranger may not (X3)', async () => {
    const { roster, orgWithFounder, member, activeAccount } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    expect((await roster.members.list(plain, { orgId: org.id }))._unsafeUnwrap().items).toHaveLength(2)
    const stranger = await activeAccount('stranger@example.com')
    // X7: to a stranger the org answers like one that does not exist.
    expect((await roster.members.list(stranger, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
  })
})
