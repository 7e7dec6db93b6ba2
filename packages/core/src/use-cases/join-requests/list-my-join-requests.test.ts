import { systemActor } from '../../domain/actor.js'
import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('joinRequests.listMine (J2, requester side)', () => {
  it('J2: the requester sees their own requests to every org, newest first, with the org name and a denial’s reason', async () => {
    const t = createTestRoster()
    const acme = await t.orgWithFounder('Acme')
    const globex = await t.orgWithFounder('Globex')
    const initech = await t.orgWithFounder('Initech')
    const jo = await t.activeAccount('jo@else.test')
    const sam = await t.activeAccount('sam@else.test')
    const { roster } = t
    const toAcme = (
      await roster.joinRequests.create(jo, { orgId: acme.org.id, message: 'Tower A' })
    )._unsafeUnwrap()
    const toGlobex = (await roster.joinRequests.create(jo, { orgId: globex.org.id }))._unsafeUnwrap()
    const toInitech = (await roster.joinRequests.create(jo, { orgId: initech.org.id }))._unsafeUnwrap()
    await roster.joinRequests.create(sam, { orgId: acme.org.id })
    ;(
      await roster.joinRequests.deny(acme.founder, { requestId: toAcme.id, reason: 'We only take staff.' })
    )._unsafeUnwrap()
    ;(await roster.joinRequests.cancel(jo, { requestId: toInitech.id }))._unsafeUnwrap()

    const mine = (await roster.joinRequests.listMine(jo, {}))._unsafeUnwrap()
    expect(mine.map((r) => [r.org.name, r.status])).toEqual([
      ['Initech', 'cancelled'],
      ['Globex', 'pending'],
      ['Acme', 'denied'],
    ])
    expect(mine[2]).toMatchObject({
      id: toAcme.id,
      org: { id: acme.org.id, name: 'Acme' },
      message: 'Tower A',
      reason: 'We only take staff.',
    })
    expect(mine[2]!.decidedAt).not.toBeNull()
    expect(mine[1]).toMatchObject({ id: toGlobex.id, reason: null, decidedAt: null })
    // Nobody else's: sam sees only sam's one request.
    expect((await roster.joinRequests.listMine(sam))._unsafeUnwrap()).toHaveLength(1)
    // Who decided is not part of the requester's view.
    expect(Object.keys(mine[0]!)).not.toContain('decidedBy')
  })

  it('J2: an approved request reads approved', async () => {
    const t = createTestRoster()
    const acme = await t.orgWithFounder('Acme')
    const jo = await t.activeAccount('jo@else.test')
    const { roster } = t
    const toAcme = (await roster.joinRequests.create(jo, { orgId: acme.org.id }))._unsafeUnwrap()
    ;(
      await roster.joinRequests.approve(acme.founder, { requestId: toAcme.id, type: 'employee' })
    )._unsafeUnwrap()
    const mine = (await roster.joinRequests.listMine(jo))._unsafeUnwrap()
    expect(mine).toMatchObject([{ id: toAcme.id, status: 'approved', org: { name: 'Acme' } }])
  })

  it('refuses bad input and a system actor with typed errors', async () => {
    const t = createTestRoster()
    const jo = await t.activeAccount('jo@else.test')
    expect((await t.roster.joinRequests.listMine(jo, { limit: 0 }))._unsafeUnwrapErr().code).toBe(
      'VALIDATION',
    )
    expect((await t.roster.joinRequests.listMine(jo, { limit: 101 }))._unsafeUnwrapErr().code).toBe(
      'VALIDATION',
    )
    expect((await t.roster.joinRequests.listMine(systemActor('test')))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
  })
})
