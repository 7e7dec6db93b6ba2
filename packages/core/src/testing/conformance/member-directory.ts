// Conformance of the member directory reads of `memberships` (`row`, `page`): order, paging, filters,
// the search, and what a row carries (grants with names, the managing connection's fields).
import { describe, expect } from 'vitest'
import type { Account } from '../../domain/account.js'
import type { Membership } from '../../domain/membership.js'
import type { StoredGrant } from '../../domain/grant.js'
import type { MemberPageQuery, MemberRow, MemberRowGrant, Storage } from '../../ports/storage.js'
import { customRole, resource } from './access-fixtures.js'
import { connectionFor } from './connection-fixtures.js'
import type { Fixtures } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg, sortGrants } from './harness.js'

/** Stored grants as a directory row carries them, with no names (built-in roles at the org). */
const unnamed = (grants: readonly StoredGrant[]): MemberRowGrant[] =>
  grants.map((grant) => ({ ...grant, roleName: null, scopeName: null }))

/** Membership ids of a page, in the order returned. */
const ids = (rows: MemberRow[]) => rows.map((row) => row.membership.id)

/** Walks every page of a query with `limit`, checking each page's size, and returns all rows. */
async function allPages(storage: Storage, query: Omit<MemberPageQuery, 'afterId'>): Promise<MemberRow[]> {
  const rows: MemberRow[] = []
  let afterId: string | undefined
  for (let guard = 0; guard < 100; guard++) {
    const page = await storage.memberships.page({ ...query, ...(afterId === undefined ? {} : { afterId }) })
    expect(page.length).toBeLessThanOrEqual(query.limit)
    rows.push(...page)
    const last = page.at(-1)
    if (!last) return rows
    afterId = last.membership.id
  }
  throw new Error('page never ran out of rows')
}

/** An org with members whose names exercise the search (first, last, "first last", email, username). */
async function directory(storage: Storage, f: Fixtures) {
  const org = await seedOrg(storage, f)
  const person = async (fields: Partial<Account>, membership: Partial<Membership> & { roles?: string[] }) => {
    const account = await seedAccount(storage, f, fields)
    const { membership: m } = await seedMember(storage, f, org, account, membership)
    return m.id
  }
  const ada = await person(
    {
      firstName: 'Ada',
      lastName: 'Lovelace',
      emailKey: 'ada@analytical.example',
      usernameKey: 'countess',
    },
    { roles: ['admin'] },
  )
  const alan = await person(
    { firstName: 'Alan', lastName: 'Turing', emailKey: 'turing@bletchley.example', usernameKey: 'alan' },
    { type: 'guest' },
  )
  const grace = await person(
    { firstName: 'Grace', lastName: 'Hopper', emailKey: 'amazing@navy.example', usernameKey: 'cobol' },
    { status: 'invited' },
  )
  const elodie = await person(
    { firstName: 'Élodie', lastName: 'Ørsted', emailKey: 'elodie@example.fr', usernameKey: 'elodie' },
    { status: 'disabled', type: 'guest', roles: ['member', 'admin'] },
  )
  const edsger = await person(
    { firstName: 'Edsger', lastName: 'Dijkstra', emailKey: 'ewd@tue.example', usernameKey: 'ewd_1930' },
    { roles: [] },
  )
  return { org, ada, alan, grace, elodie, edsger }
}

export function memberDirectoryConformance(test: ConformanceTest): void {
  describe('memberships', () => {
    test('row returns the member’s directory row; null for a non-member', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      const org = await seedOrg(storage, f)
      await seedMember(storage, f, await seedOrg(storage, f), account)
      await seedMember(storage, f, await seedOrg(storage, f), account, { status: 'invited' })
      const { membership, grants } = await seedMember(storage, f, org, account, {
        roles: ['member', 'admin'],
        title: 'CTO',
      })
      const row = await storage.memberships.row(org.id, account.id)
      expect(row).not.toBeNull()
      expect({ ...row, grants: sortGrants(row?.grants ?? []) }).toEqual({
        membership,
        account,
        department: null,
        grants: unnamed(sortGrants(grants)),
        licenses: [],
        numbers: [],
        managedFields: [],
        accountOrgCount: 3,
      })
      expect(await storage.memberships.row(org.id, (await seedAccount(storage, f)).id)).toBeNull()
      expect(await storage.memberships.row(f.id(), account.id)).toBeNull()
    })

    test('page returns the org’s rows in membership id order, complete', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const shared = await seedAccount(storage, f)
      await seedMember(storage, f, await seedOrg(storage, f), shared)
      const a = await seedAccount(storage, f)
      const ma = await seedMember(storage, f, org, a, { roles: ['admin', 'member'] })
      const ms = await seedMember(storage, f, org, shared, { roles: [] })
      await seedMember(storage, f, await seedOrg(storage, f), await seedAccount(storage, f))

      const page = await storage.memberships.page({ orgId: org.id, limit: 10 })
      expect(page.map((row) => ({ ...row, grants: sortGrants(row.grants) }))).toEqual([
        {
          membership: ma.membership,
          account: a,
          department: null,
          grants: unnamed(sortGrants(ma.grants)),
          licenses: [],
          numbers: [],
          managedFields: [],
          accountOrgCount: 1,
        },
        {
          membership: ms.membership,
          account: shared,
          department: null,
          grants: [],
          licenses: [],
          numbers: [],
          managedFields: [],
          accountOrgCount: 2,
        },
      ])
      expect(await storage.memberships.page({ orgId: f.id(), limit: 10 })).toEqual([])
    })

    test('page returns at most limit rows', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const members: string[] = []
      for (let i = 0; i < 5; i++)
        members.push((await seedMember(storage, f, org, await seedAccount(storage, f))).membership.id)
      expect(ids(await storage.memberships.page({ orgId: org.id, limit: 2 }))).toEqual(members.slice(0, 2))
      expect(ids(await storage.memberships.page({ orgId: org.id, limit: 1 }))).toEqual(members.slice(0, 1))
      expect(ids(await storage.memberships.page({ orgId: org.id, limit: 5 }))).toEqual(members)
      expect(await storage.memberships.page({ orgId: org.id, limit: 9 })).toHaveLength(5)
    })

    test('page with afterId visits every row exactly once, in id order, across pages', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const members: string[] = []
      for (let i = 0; i < 7; i++) {
        const account = await seedAccount(storage, f)
        members.push((await seedMember(storage, f, org, account)).membership.id)
        if (i % 3 === 0) await seedMember(storage, f, other, account)
      }
      for (const limit of [1, 3, 7, 10]) {
        expect(ids(await allPages(storage, { orgId: org.id, limit }))).toEqual(members)
      }
      expect(ids(await storage.memberships.page({ orgId: org.id, afterId: members[4], limit: 10 }))).toEqual(
        members.slice(5),
      )
      expect(await storage.memberships.page({ orgId: org.id, afterId: members[6], limit: 10 })).toEqual([])
    })

    test('page filters by status, type and roleId (at any scope)', async ({ storage, f }) => {
      const { org, ada, alan, grace, elodie, edsger } = await directory(storage, f)
      const page = (query: Partial<MemberPageQuery>) =>
        storage.memberships.page({ orgId: org.id, limit: 10, ...query }).then(ids)
      expect(await page({ status: 'active' })).toEqual([ada, alan, edsger])
      expect(await page({ status: 'invited' })).toEqual([grace])
      expect(await page({ status: 'disabled' })).toEqual([elodie])
      expect(await page({ type: 'guest' })).toEqual([alan, elodie])
      expect(await page({ type: 'employee' })).toEqual([ada, grace, edsger])
      expect(await page({ roleId: 'admin' })).toEqual([ada, elodie])
      expect(await page({ roleId: 'member' })).toEqual([alan, grace, elodie])
      expect(await page({ roleId: 'owner' })).toEqual([])
      expect(await page({ type: 'guest', status: 'active' })).toEqual([alan])
      expect(await page({ roleId: 'admin', type: 'employee' })).toEqual([ada])

      const account = await seedAccount(storage, f)
      const scoped = f.membership(org, account)
      await storage.memberships.insert(scoped, [
        f.grant(org, account, 'gatekeeper', { scopeKind: 'resource', scopeValue: 'gate-1' }),
      ])
      expect(await page({ roleId: 'gatekeeper' })).toEqual([scoped.id])
    })

    test('page search is a case-insensitive substring of "first last", email or username', async ({
      storage,
      f,
    }) => {
      const { org, ada, alan, grace, elodie, edsger } = await directory(storage, f)
      const search = (needle: string) =>
        storage.memberships.page({ orgId: org.id, limit: 10, search: needle }).then(ids)
      const hyphen = await seedMember(
        storage,
        f,
        org,
        await seedAccount(storage, f, {
          firstName: 'Mary',
          lastName: 'Smith-Jackson',
          emailKey: 'mary@acme.test',
          usernameKey: 'mary',
        }),
      ).then(({ membership }) => membership.id)
      expect(await search('AL')).toEqual([ada, alan]) // Alan, and Ada's analytical.example
      expect(await search('lovel')).toEqual([ada])
      expect(await search('Grace H')).toEqual([grace])
      expect(await search('grace hopper')).toEqual([grace])
      expect(await search('turing@')).toEqual([alan])
      expect(await search('countess')).toEqual([ada])
      expect(await search('cob')).toEqual([grace])
      expect(await search('élo')).toEqual([elodie])
      expect(await search('ØRS')).toEqual([elodie])
      // Any part of a field, not only its start (finding 10).
      expect(await search('ovelace')).toEqual([ada])
      expect(await search('analytical')).toEqual([ada])
      expect(await search('acme.test')).toEqual([hyphen])
      expect(await search('jackson')).toEqual([hyphen])
      expect(await search('th-ja')).toEqual([hyphen])
      expect(await search('ace hop')).toEqual([grace])
      expect(await search('hopper grace')).toEqual([])
      // LIKE wildcards and the escape character are ordinary characters.
      expect(await search('%')).toEqual([])
      expect(await search('_')).toEqual([edsger])
      expect(await search('_da')).toEqual([])
      expect(await search('d_1')).toEqual([edsger])
      expect(await search('ewd%')).toEqual([])
      expect(await search('\\')).toEqual([])
      expect(await search('zzz')).toEqual([])
    })

    test('page pages through a filtered query too', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const matching: string[] = []
      // i = 0, 2, 4 are Sam; i = 0 and 3 are guests, so Sam employees are i = 2 and 4.
      for (let i = 0; i < 6; i++) {
        const account = await seedAccount(storage, f, { firstName: i % 2 === 0 ? 'Sam' : 'Kim' })
        const { membership } = await seedMember(storage, f, org, account, {
          type: i % 3 === 0 ? 'guest' : 'employee',
        })
        if (i % 2 === 0) matching.push(membership.id)
      }
      expect(ids(await allPages(storage, { orgId: org.id, search: 'sa', limit: 2 }))).toEqual(matching)
      expect(
        ids(await allPages(storage, { orgId: org.id, search: 'sa', type: 'employee', limit: 1 })),
      ).toEqual(matching.slice(1))
    })

    test('page and row count every org of the account in accountOrgCount', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const solo = await seedAccount(storage, f)
      const busy = await seedAccount(storage, f)
      await seedMember(storage, f, org, solo)
      await seedMember(storage, f, org, busy)
      for (const status of ['active', 'invited', 'disabled'] as const)
        await seedMember(storage, f, await seedOrg(storage, f), busy, { status })
      const counts = (await storage.memberships.page({ orgId: org.id, limit: 10 })).map((row) => [
        row.account.id,
        row.accountOrgCount,
      ])
      expect(counts).toEqual([
        [solo.id, 1],
        [busy.id, 4],
      ])
      expect((await storage.memberships.row(org.id, busy.id))?.accountOrgCount).toBe(4)
    })

    test('row and page carry custom role and resource names and the managing connection’s fields', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const auditor = customRole(f, org, { name: 'Auditor' })
      expect(await storage.roles.insert(auditor)).toEqual({ status: 'inserted' })
      const north = resource(f, org, { type: 'building', name: 'North tower' })
      await storage.resources.insert(north)
      // Another org's role, resource and connection are never used here.
      const foreignRole = customRole(f, other, { name: 'Elsewhere' })
      expect(await storage.roles.insert(foreignRole)).toEqual({ status: 'inserted' })
      const foreignResource = resource(f, other, { name: 'Elsewhere' })
      await storage.resources.insert(foreignResource)
      const connection = connectionFor(f, org, { managedFields: ['email', 'title'] })
      expect(await storage.connections.insert(connection)).toEqual({ status: 'inserted' })
      const foreignConnection = connectionFor(f, other)
      expect(await storage.connections.insert(foreignConnection)).toEqual({ status: 'inserted' })

      const ada = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada, { roles: ['admin'] })
      const grants = [
        f.grant(org, ada, auditor.id),
        f.grant(org, ada, auditor.id, { scopeKind: 'resource', scopeValue: north.id }),
        f.grant(org, ada, 'member', { scopeKind: 'type', scopeValue: 'building' }),
        f.grant(org, ada, foreignRole.id, { scopeKind: 'resource', scopeValue: foreignResource.id }),
        f.grant(org, ada, 'member', { scopeKind: 'resource', scopeValue: f.id() }),
      ]
      await storage.grants.add(grants)
      const synced = await seedAccount(storage, f)
      await seedMember(storage, f, org, synced, { source: connection.id })
      const stray = await seedAccount(storage, f)
      await seedMember(storage, f, org, stray, { source: foreignConnection.id })

      const expected: MemberRowGrant[] = sortGrants([
        { ...f.grant(org, ada, 'admin'), roleName: null, scopeName: null },
        { ...grants[0]!, roleName: 'Auditor', scopeName: null },
        { ...grants[1]!, roleName: 'Auditor', scopeName: 'North tower' },
        { ...grants[2]!, roleName: null, scopeName: null },
        { ...grants[3]!, roleName: null, scopeName: null },
        { ...grants[4]!, roleName: null, scopeName: null },
      ])
      const row = await storage.memberships.row(org.id, ada.id)
      expect(sortGrants(row?.grants ?? [])).toEqual(expected)
      expect(row?.managedFields).toEqual([])
      expect((await storage.memberships.row(org.id, synced.id))?.managedFields).toEqual(['email', 'title'])
      expect((await storage.memberships.row(org.id, stray.id))?.managedFields).toEqual([])

      const page = await storage.memberships.page({ orgId: org.id, limit: 10 })
      expect(page.map((r) => [r.account.id, sortGrants(r.grants), r.managedFields])).toEqual([
        [ada.id, expected, []],
        [synced.id, unnamed([f.grant(org, synced, 'member')]), ['email', 'title']],
        [stray.id, unnamed([f.grant(org, stray, 'member')]), []],
      ])

      // Names are read with the row: a rename shows on the next read.
      await storage.roles.update(org.id, auditor.id, { name: 'Inspector', nameKey: 'inspector' })
      const renamed = await storage.memberships.row(org.id, ada.id)
      expect(renamed?.grants.filter((g) => g.roleId === auditor.id).map((g) => g.roleName)).toEqual([
        'Inspector',
        'Inspector',
      ])
    })
  })
}
