// Conformance of `scimConnections`, `scimUsers` and `scimGroups` (SC1–SC7): tokens found by hash,
// the (connection, userName) uniqueness two racing POSTs meet, versioned updates, group members
// added and removed in bulk, and the rows that go with their membership.
import { describe, expect } from 'vitest'
import type { ScimConnection, ScimGroup, ScimGroupProvenance, ScimUser } from '../../domain/scim.js'
import type { StorageRepositories } from '../../ports/storage.js'
import { connectionFor } from './connection-fixtures.js'
import { at, type Fixtures } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'

async function seedScim(repos: StorageRepositories, f: Fixtures) {
  const org = await seedOrg(repos, f)
  const connection = connectionFor(f, org, { intervalMinutes: null, nextRunAt: null })
  expect(await repos.connections.insert(connection)).toEqual({ status: 'inserted' })
  const scim: ScimConnection = {
    connectionId: connection.id,
    orgId: org.id,
    name: `Okta ${connection.id.slice(-4)}`,
    credential: 'activation-link',
    ssoProvider: null,
    memberType: 'employee',
    createdAt: at(0),
    updatedAt: at(0),
  }
  expect(await repos.scimConnections.insert(scim)).toEqual({ status: 'inserted' })
  return { org, connection, scim, scope: { orgId: org.id, connectionId: connection.id } }
}

function userFor(
  scope: { orgId: string; connectionId: string },
  accountId: string,
  userName: string,
): ScimUser {
  return {
    ...scope,
    accountId,
    userName,
    userNameKey: userName.toLowerCase(),
    externalId: `ext-${userName}`,
    active: true,
    attributes: { displayName: userName, emails: [{ value: userName, primary: true }] },
    ownsAccount: true,
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
  }
}

function groupFor(
  scope: { orgId: string; connectionId: string },
  id: string,
  displayName: string,
): ScimGroup {
  return {
    ...scope,
    id,
    displayName,
    displayNameKey: displayName.toLowerCase(),
    externalId: null,
    mapping: null,
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
  }
}

/** A member of the org with a SCIM user of the connection. */
async function seedScimUser(
  repos: StorageRepositories,
  f: Fixtures,
  s: Awaited<ReturnType<typeof seedScim>>,
  userName: string,
) {
  const account = await seedAccount(repos, f)
  await seedMember(repos, f, s.org, account, { source: s.connection.id })
  const user = userFor(s.scope, account.id, userName)
  expect(await repos.scimUsers.insert(user)).toEqual({ status: 'inserted' })
  return { account, user }
}

export function scimConformance(test: ConformanceTest): void {
  describe('scim', () => {
    test('SC1: a token is found by its hash; revokeTokens spares the one excepted; touch is conditional', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const token = (id: string, hash: string) => ({
        id,
        orgId: s.org.id,
        connectionId: s.connection.id,
        hash,
        hint: hash.slice(-4),
        createdBy: null,
        createdAt: at(0),
        lastUsedAt: null,
        revokedAt: null,
      })
      const older = f.id()
      const newer = f.id()
      await storage.scimConnections.insertToken(token(older, 'hash-older'))
      await storage.scimConnections.insertToken(token(newer, 'hash-newer'))
      expect((await storage.scimConnections.findTokenByHash('hash-newer'))?.id).toBe(newer)
      expect(await storage.scimConnections.findTokenByHash('nope')).toBeNull()
      expect((await storage.scimConnections.listTokens(s.org.id, s.connection.id)).map((t) => t.id)).toEqual([
        newer,
        older,
      ])
      expect(await storage.scimConnections.revokeTokens(s.org.id, s.connection.id, at(1), newer)).toBe(1)
      expect((await storage.scimConnections.findTokenByHash('hash-older'))?.revokedAt).toEqual(at(1))
      expect((await storage.scimConnections.findTokenByHash('hash-newer'))?.revokedAt).toBeNull()

      await storage.scimConnections.touchToken(s.org.id, newer, at(2), at(1))
      await storage.scimConnections.touchToken(s.org.id, newer, at(3), at(1))
      expect((await storage.scimConnections.findTokenByHash('hash-newer'))?.lastUsedAt).toEqual(at(2))
      await storage.scimConnections.touchToken(s.org.id, newer, at(10), at(5))
      expect((await storage.scimConnections.findTokenByHash('hash-newer'))?.lastUsedAt).toEqual(at(10))
    })

    test('SC1: a second SCIM connection of the same name (any case) in an org is exists', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const other = connectionFor(f, s.org, { intervalMinutes: null, nextRunAt: null })
      expect(await storage.connections.insert(other)).toEqual({ status: 'inserted' })
      const again = { ...s.scim, connectionId: other.id, name: s.scim.name.toUpperCase() }
      expect(await storage.scimConnections.insert(again)).toEqual({ status: 'exists' })
      expect((await storage.scimConnections.list(s.org.id)).map((c) => c.connectionId)).toEqual([
        s.connection.id,
      ])
    })

    test('SC3: users are unique per (connection, userNameKey) and per account; found by name and externalId', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const { account, user } = await seedScimUser(storage, f, s, 'ada@example.com')
      expect(await storage.scimUsers.find(s.scope, account.id)).toEqual(user)
      expect(await storage.scimUsers.findByUserName(s.scope, 'ada@example.com')).toEqual(user)
      expect(await storage.scimUsers.findByExternalId(s.scope, 'ext-ada@example.com')).toEqual([user])

      const other = await seedAccount(storage, f)
      await seedMember(storage, f, s.org, other)
      expect(await storage.scimUsers.insert(userFor(s.scope, other.id, 'ada@example.com'))).toEqual({
        status: 'conflict',
        field: 'userName',
      })
      expect(await storage.scimUsers.insert(userFor(s.scope, account.id, 'other@example.com'))).toEqual({
        status: 'conflict',
        field: 'accountId',
      })
      expect(await storage.scimUsers.count(s.scope)).toBe(1)
    })

    test("SC2: another org's scope never sees a connection's users", async ({ storage, f }) => {
      const s = await seedScim(storage, f)
      const { account } = await seedScimUser(storage, f, s, 'ada@example.com')
      const elsewhere = { orgId: f.id(), connectionId: s.connection.id }
      expect(await storage.scimUsers.find(elsewhere, account.id)).toBeNull()
      expect(await storage.scimUsers.findByUserName(elsewhere, 'ada@example.com')).toBeNull()
      expect(await storage.scimUsers.page(elsewhere, { limit: 10 })).toEqual([])
      expect((await storage.scimUsers.update(elsewhere, account.id, { active: false })).status).toBe(
        'not-found',
      )
    })

    test('SC3: update bumps the version; ifVersion refuses a stale one; a taken userName is conflict', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const { account } = await seedScimUser(storage, f, s, 'ada@example.com')
      await seedScimUser(storage, f, s, 'bob@example.com')
      const updated = await storage.scimUsers.update(
        s.scope,
        account.id,
        { active: false, updatedAt: at(1) },
        { ifVersion: 1 },
      )
      expect(updated).toMatchObject({ status: 'updated', user: { active: false, version: 2 } })
      const stale = await storage.scimUsers.update(s.scope, account.id, { active: true }, { ifVersion: 1 })
      expect(stale).toMatchObject({ status: 'version-mismatch', user: { version: 2, active: false } })
      const renamed = await storage.scimUsers.update(s.scope, account.id, {
        userName: 'BOB@example.com',
        userNameKey: 'bob@example.com',
      })
      expect(renamed).toEqual({ status: 'conflict', field: 'userName' })
      const moved = await storage.scimUsers.update(s.scope, account.id, {
        userName: 'Augusta@example.com',
        userNameKey: 'augusta@example.com',
      })
      expect(moved.status).toBe('updated')
      expect((await storage.scimUsers.findByUserName(s.scope, 'augusta@example.com'))?.accountId).toBe(
        account.id,
      )
      expect(await storage.scimUsers.findByUserName(s.scope, 'ada@example.com')).toBeNull()
    })

    test('SC3 race: concurrent inserts of one userName store exactly one', async ({ storage, f }) => {
      const s = await seedScim(storage, f)
      const accounts = []
      for (let i = 0; i < 4; i++) {
        const account = await seedAccount(storage, f)
        await seedMember(storage, f, s.org, account)
        accounts.push(account)
      }
      const outcomes = await Promise.all(
        accounts.map((account) =>
          storage.transaction((tx) => tx.scimUsers.insert(userFor(s.scope, account.id, 'same@example.com'))),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'conflict')).toHaveLength(3)
      expect(await storage.scimUsers.count(s.scope)).toBe(1)
    })

    test('SC3: pages go by account id ascending, strictly after afterId', async ({ storage, f }) => {
      const s = await seedScim(storage, f)
      const ids: string[] = []
      for (let i = 0; i < 5; i++)
        ids.push((await seedScimUser(storage, f, s, `u${i}@example.com`)).account.id)
      ids.sort()
      expect((await storage.scimUsers.page(s.scope, { limit: 3 })).map((u) => u.accountId)).toEqual(
        ids.slice(0, 3),
      )
      expect(
        (await storage.scimUsers.page(s.scope, { afterId: ids[2], limit: 10 })).map((u) => u.accountId),
      ).toEqual(ids.slice(3))
      expect(await storage.scimUsers.findMany(s.scope, [ids[0]!, ids[0]!, 'nope'])).toHaveLength(1)
    })

    test('SC6: groups are unique by display name; members are added and removed once each, in bulk', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const group = groupFor(s.scope, f.id(), 'Engineering')
      expect(await storage.scimGroups.insert(group)).toEqual({ status: 'inserted' })
      expect(await storage.scimGroups.insert(groupFor(s.scope, f.id(), 'ENGINEERING'))).toEqual({
        status: 'conflict',
        field: 'displayName',
      })
      const users: string[] = []
      for (let i = 0; i < 3; i++)
        users.push((await seedScimUser(storage, f, s, `g${i}@example.com`)).account.id)
      const [a, b, c] = users as [string, string, string]
      expect(await storage.scimGroups.addMembers(s.scope, group.id, [a, b, a])).toEqual([a, b])
      expect(await storage.scimGroups.addMembers(s.scope, group.id, [b, c])).toEqual([c])
      expect(await storage.scimGroups.members(s.scope, group.id, { limit: 10 })).toEqual([a, b, c].sort())
      expect(await storage.scimGroups.groupsOf(s.scope, a)).toEqual([group.id])
      expect(await storage.scimGroups.removeMembers(s.scope, group.id, [a, 'nope', a])).toEqual([a])
      expect(await storage.scimGroups.members(s.scope, group.id, { limit: 10 })).toEqual([b, c].sort())

      const renamed = await storage.scimGroups.update(s.scope, group.id, {
        displayName: 'Eng',
        displayNameKey: 'eng',
        mapping: { kind: 'department', departmentId: 'd1' },
      })
      expect(renamed).toMatchObject({ status: 'updated', group: { displayName: 'Eng', version: 2 } })
      expect((await storage.scimGroups.findByDisplayName(s.scope, 'eng'))?.mapping).toEqual({
        kind: 'department',
        departmentId: 'd1',
      })
      const cleared = await storage.scimGroups.update(s.scope, group.id, { mapping: null })
      expect(cleared).toMatchObject({ status: 'updated', group: { mapping: null } })
      expect(await storage.scimGroups.delete(s.scope, group.id)).toBe(true)
      expect(await storage.scimGroups.delete(s.scope, group.id)).toBe(false)
      expect(await storage.scimGroups.groupsOf(s.scope, b)).toEqual([])
    })

    test('SC6 race: concurrent adds of the same members add each once', async ({ storage, f }) => {
      const s = await seedScim(storage, f)
      const group = groupFor(s.scope, f.id(), 'All')
      await storage.scimGroups.insert(group)
      const users: string[] = []
      for (let i = 0; i < 4; i++)
        users.push((await seedScimUser(storage, f, s, `r${i}@example.com`)).account.id)
      const added = await Promise.all(
        [0, 1, 2].map(() => storage.transaction((tx) => tx.scimGroups.addMembers(s.scope, group.id, users))),
      )
      expect(added.flat().sort()).toEqual([...users].sort())
      expect(await storage.scimGroups.members(s.scope, group.id, { limit: 10 })).toHaveLength(4)
    })

    test('SC3: deleting the membership deletes its SCIM user and group memberships (A13)', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const { account } = await seedScimUser(storage, f, s, 'gone@example.com')
      const group = groupFor(s.scope, f.id(), 'G')
      await storage.scimGroups.insert(group)
      await storage.scimGroups.addMembers(s.scope, group.id, [account.id])
      expect(await storage.memberships.delete(s.org.id, account.id)).toBe(true)
      expect(await storage.scimUsers.find(s.scope, account.id)).toBeNull()
      expect(await storage.scimUsers.findByUserName(s.scope, 'gone@example.com')).toBeNull()
      expect(await storage.scimGroups.members(s.scope, group.id, { limit: 10 })).toEqual([])
      // The userName is free again.
      const back = await seedAccount(storage, f)
      await seedMember(storage, f, s.org, back)
      expect(await storage.scimUsers.insert(userFor(s.scope, back.id, 'gone@example.com'))).toEqual({
        status: 'inserted',
      })
    })

    test('SC11: provenance is recorded once, read per account, forgotten, and goes with its member row', async ({
      storage,
      f,
    }) => {
      const s = await seedScim(storage, f)
      const { account: ada } = await seedScimUser(storage, f, s, 'ada@example.com')
      const { account: bob } = await seedScimUser(storage, f, s, 'bob@example.com')
      const { account: cy } = await seedScimUser(storage, f, s, 'cy@example.com')
      const one = groupFor(s.scope, f.id(), 'One')
      const two = groupFor(s.scope, f.id(), 'Two')
      for (const g of [one, two]) {
        await storage.scimGroups.insert(g)
        await storage.scimGroups.addMembers(s.scope, g.id, [ada.id, bob.id, cy.id])
      }
      const row = (
        groupId: string,
        accountId: string,
        kind: 'grant' | 'seat',
        key: string,
      ): ScimGroupProvenance => ({
        ...s.scope,
        groupId,
        accountId,
        kind,
        key,
      })
      const rows = [
        row(one.id, ada.id, 'grant', 'caretaker|org|'),
        row(two.id, ada.id, 'grant', 'caretaker|org|'),
        row(one.id, bob.id, 'seat', 'crm'),
        row(two.id, cy.id, 'seat', 'crm'),
      ]
      await storage.scimGroups.recordProvenance(rows)
      await storage.scimGroups.recordProvenance(rows.slice(0, 1)) // again: skipped
      // Ordered by the row's identity, not by its JSON: adapters build the objects with their keys in different orders.
      const identity = (p: ScimGroupProvenance) => `${p.groupId}|${p.accountId}|${p.kind}|${p.key}`
      const sorted = (list: readonly ScimGroupProvenance[]) =>
        [...list].sort((a, b) => identity(a).localeCompare(identity(b)))
      expect(sorted(await storage.scimGroups.provenance(s.org.id, [ada.id, bob.id]))).toEqual(
        sorted(rows.slice(0, 3)),
      )
      expect(await storage.scimGroups.provenance(s.org.id, [])).toEqual([])
      await storage.scimGroups.forgetProvenance([rows[0]!])
      expect(await storage.scimGroups.provenance(s.org.id, [ada.id])).toEqual([rows[1]])
      // Leaving the group, deleting the group, and the membership going take their rows along.
      await storage.scimGroups.removeMembers(s.scope, one.id, [bob.id])
      expect(await storage.scimGroups.provenance(s.org.id, [bob.id])).toEqual([])
      await storage.scimGroups.delete(s.scope, two.id)
      expect(await storage.scimGroups.provenance(s.org.id, [ada.id])).toEqual([])
      await storage.scimGroups.recordProvenance([row(one.id, cy.id, 'seat', 'crm')])
      expect(await storage.memberships.delete(s.org.id, cy.id)).toBe(true)
      expect(await storage.scimGroups.provenance(s.org.id, [cy.id])).toEqual([])
    })

    test('SC8: audit lists system events by reason', async ({ storage, f }) => {
      const s = await seedScim(storage, f)
      const event = (reason: string) => ({
        id: f.id(),
        orgId: s.org.id,
        actor: { kind: 'system' as const, reason },
        action: 'member.added',
        targetType: 'account',
        targetId: 'x',
        changes: {},
        at: at(0),
      })
      const mine = event(`scim:${s.connection.id}`)
      await storage.audit.append(mine)
      await storage.audit.append(event('other'))
      const found = await storage.audit.list({
        orgId: s.org.id,
        actorReason: `scim:${s.connection.id}`,
        limit: 10,
      })
      expect(found.map((e) => e.id)).toEqual([mine.id])
    })
  })
}
