import { describe, expect, it } from 'vitest'
import {
  listSource,
  pausingSource,
  people,
  setupDirectory,
  setupOrgs,
  waitForGuests,
} from './test-fixtures.js'

describe('connections.disconnect', () => {
  it('S1: disconnecting disables the connection’s guests, which become local members the host manages', async () => {
    const t = await setupDirectory(listSource(people(1, 3)))
    await t.sync()
    const events: string[] = []
    t.roster.events.on('connection.removed', () => events.push('connection.removed'))
    const result = (
      await t.roster.connections.disconnect(t.admin, { connectionId: t.connection.id })
    )._unsafeUnwrap()
    // The three are invited (their accounts wait for activation): disabled all the same.
    expect(result).toEqual({ disabled: 3, removed: 0 })
    const rows = await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 10 })
    expect(rows.map((row) => [row.membership.status, row.membership.source])).toEqual([
      ['disabled', 'local'],
      ['disabled', 'local'],
      ['disabled', 'local'],
    ])
    expect(await t.storage.connections.findById(t.connection.orgId, t.connection.id)).toBeNull()
    expect((await t.roster.connections.list(t.admin, { orgId: t.org.id }))._unsafeUnwrap()).toEqual([])
    expect(events).toEqual(['connection.removed'])
    // Local now: the host edits what the source used to manage.
    const { id } = await t.accountOf('person1@corp.test')
    expect((await t.memberView(id)).managedFields).toEqual([])
    ;(
      await t.roster.members.update(t.admin, { orgId: t.org.id, accountId: id, title: 'Ex-contractor' })
    )._unsafeUnwrap()
  })

  it('S1: disconnecting an org connection by the guest org disables active guests; members: "remove" removes them', async () => {
    const t = await setupOrgs()
    const connect = async () => {
      const c = (
        await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
      )._unsafeUnwrap()
      ;(await t.roster.connections.approve(t.agencyAdmin, { connectionId: c.id }))._unsafeUnwrap()
      ;(await t.roster.connections.sync(t.agencyAdmin, { connectionId: c.id }))._unsafeUnwrap()
      return c
    }
    const first = await connect()
    expect(
      (await t.roster.connections.disconnect(t.firmAdmin, { connectionId: first.id }))._unsafeUnwrap(),
    ).toEqual({
      disabled: 4,
      removed: 0,
    })
    expect(new Set((await t.guestsOfAgency()).map((g) => `${g.status}/${g.source}`))).toEqual(
      new Set(['disabled/local']),
    )
    // Reconnecting finds them as local members now: reported, not taken over.
    const second = (
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
    )._unsafeUnwrap()
    ;(await t.roster.connections.approve(t.agencyAdmin, { connectionId: second.id }))._unsafeUnwrap()
    const report = (
      await t.roster.connections.sync(t.agencyAdmin, { connectionId: second.id })
    )._unsafeUnwrap()
    expect(report.errors.map((e) => e.code)).toEqual([
      'ALREADY_MEMBER',
      'ALREADY_MEMBER',
      'ALREADY_MEMBER',
      'ALREADY_MEMBER',
    ])
    ;(await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: second.id }))._unsafeUnwrap()
    for (const guest of [t.carol, t.dan]) {
      const removed = await t.roster.members.remove(t.agencyAdmin, {
        orgId: t.agency.id,
        accountId: guest.accountId,
      })
      removed._unsafeUnwrap()
    }
    for (const email of ['admin@firm.test', 'founder.consultants@example.com']) {
      const account = await t.storage.accounts.findByEmail(email)
      ;(
        await t.roster.members.remove(t.agencyAdmin, { orgId: t.agency.id, accountId: account!.id })
      )._unsafeUnwrap()
    }
    const third = await connect()
    expect(
      (
        await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: third.id, members: 'remove' })
      )._unsafeUnwrap(),
    ).toEqual({ disabled: 0, removed: 4 })
    expect(await t.guestsOfAgency()).toEqual([])
    // The people keep their accounts and their firm.
    expect(await t.storage.memberships.find(t.firm.id, t.carol.accountId)).not.toBeNull()
  })

  it('S1: a pending request is withdrawn by the guest org or denied by the host with disconnect', async () => {
    const t = await setupOrgs()
    const pending = (
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
    )._unsafeUnwrap()
    expect(
      (await t.roster.connections.disconnect(t.carol, { connectionId: pending.id }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    ;(await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: pending.id }))._unsafeUnwrap()
    expect((await t.roster.connections.list(t.firmAdmin, { orgId: t.firm.id }))._unsafeUnwrap()).toEqual([])
    expect(
      (await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: pending.id }))._unsafeUnwrapErr()
        .code,
    ).toBe('NOT_FOUND')
  })

  it('S1: a run in progress stops at its next batch when the connection is disconnected', async () => {
    const { source, release } = pausingSource(20, 6)
    const t = await setupDirectory(source)
    const running = t.roster.connections.sync(t.admin, { connectionId: t.connection.id }, { batchSize: 5 })
    await waitForGuests(t, t.org.id, 5)
    const disconnected = (
      await t.roster.connections.disconnect(t.admin, { connectionId: t.connection.id })
    )._unsafeUnwrap()
    expect(disconnected).toEqual({ disabled: 5, removed: 0 })
    release()
    const report = (await running)._unsafeUnwrap()
    expect(report).toMatchObject({ complete: false, failureReason: 'disconnected', added: 5 })
    const guests = await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 50 })
    expect(guests.map((row) => [row.membership.status, row.membership.source])).toEqual(
      Array.from({ length: 5 }, () => ['disabled', 'local']),
    )
  })
})
