import { describe, expect, it } from 'vitest'
import {
  type ListSource,
  listSource,
  person,
  setupDirectory,
} from '../use-cases/connections/test-fixtures.js'

type Setup = Awaited<ReturnType<typeof setupDirectory<ListSource>>>

/** The three ways a synced membership is removed; each must apply A13 the same way. */
const removals: Record<string, (t: Setup, accountIds: string[]) => Promise<void>> = {
  'members.remove': async (t, accountIds) => {
    for (const accountId of accountIds)
      (await t.roster.members.remove(t.admin, { orgId: t.org.id, accountId }))._unsafeUnwrap()
  },
  'sync (onMissing: remove)': async (t) => {
    t.source.people = []
    expect(await t.sync()).toMatchObject({ removed: 2, complete: true })
  },
  'connections.disconnect (members: remove)': async (t) => {
    const out = await t.roster.connections.disconnect(t.admin, {
      connectionId: t.connection.id,
      members: 'remove',
    })
    expect(out._unsafeUnwrap()).toMatchObject({ removed: 2 })
  },
}

describe('removeMembership (A13, one rule for every removal path)', () => {
  for (const [path, remove] of Object.entries(removals)) {
    it(`A13: ${path} deletes a never-activated account left with no membership and keeps an active one`, async () => {
      const source = listSource([person(1), person(2, { email: 'sam@corp.test' })])
      const t = await setupDirectory(source, { connect: { onMissing: 'remove' } })
      const sam = await t.activeAccount('sam@corp.test')
      expect(await t.sync()).toMatchObject({ added: 2 })
      const pending = await t.accountOf('person1@corp.test')

      await remove(t, [pending.id, sam.accountId])

      // The pending account is gone with every trace of its personal data; the active one stays.
      expect(await t.storage.accounts.findById(pending.id)).toBeNull()
      expect(await t.storage.memberships.find(t.org.id, pending.id)).toBeNull()
      expect(await t.storage.accounts.findById(sam.accountId)).not.toBeNull()
      expect(await t.storage.memberships.find(t.org.id, sam.accountId)).toBeNull()
      const trail = (await t.audit()).filter((event) => event.targetId === pending.id)
      const removal = trail.filter((event) => event.action !== 'member.added')
      expect(removal.map((event) => event.action)).toEqual(
        expect.arrayContaining(['member.removed', 'account.deleted']),
      )
      expect(JSON.stringify(removal)).not.toMatch(/person1@corp\.test|Given1|Family1/)
      // The removal names the connection that managed the membership, whichever path removed it.
      expect(removal.find((event) => event.action === 'member.removed')?.changes).toMatchObject({
        source: { before: t.connection.id },
      })
      const samRemoved = (await t.audit()).filter(
        (event) => event.targetId === sam.accountId && event.action.startsWith('account.'),
      )
      expect(samRemoved.map((event) => event.action)).not.toContain('account.deleted')
    })
  }
})
