import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useMember } from './members.js'
import { useMapScimGroup, useScimGroups } from './scim.js'
import { present, setupRoster } from './test-support.js'

/** An org with a SCIM connection that pushed one user in one (unmapped) group, and a role to map it to. */
async function withPushedGroup() {
  const setup = await setupRoster()
  const { roster, founder, orgId } = setup
  const created = (
    await roster.scim.createConnection(founder, { orgId, name: 'Okta', credential: 'none' })
  )._unsafeUnwrap()
  const principal = (await roster.scim.authenticate({ token: created.secret.token }))._unsafeUnwrap()
  const user = (
    await roster.scim.users.provision(principal, {
      userName: 'ada@acme.test',
      email: 'ada@acme.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      active: true,
    })
  )._unsafeUnwrap()
  const group = (
    await roster.scim.groups.create(principal, { displayName: 'Caretakers', members: [user.id] })
  )._unsafeUnwrap()
  const role = (
    await roster.roles.define(founder, { orgId, name: 'Caretaker', permissions: ['members:read'] })
  )._unsafeUnwrap()
  return { ...setup, connectionId: created.connection.connectionId, user, group, role }
}

describe('scim groups (admin hooks)', () => {
  it('SC10: useScimGroups lists the pushed group unmapped; useMapScimGroup maps it and the member gets the role', async () => {
    const { orgId, connectionId, user, group, role, wrapperFor } = await withPushedGroup()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        groups: useScimGroups({ orgId, connectionId }),
        ada: useMember({ orgId, accountId: user.id }),
        map: useMapScimGroup(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.groups.data?.total).toBe(1))
    expect(result.current.groups.data?.items[0]).toMatchObject({
      id: group.id,
      displayName: 'Caretakers',
      mapping: null,
      memberCount: 1,
    })
    await waitFor(() => expect(result.current.ada.data).toBeDefined())
    expect(present(result.current.ada.data).grants.map((g) => g.roleId)).not.toContain(role.id)

    const mapping = { kind: 'role' as const, roleId: role.id, resourceIds: 'every' as const }
    await act(() => result.current.map.mutateAsync({ orgId, connectionId, groupId: group.id, mapping }))
    // The mutation refreshes the org: the group shows its mapping and the member their new role.
    await waitFor(() => expect(result.current.groups.data?.items[0]?.mapping).toEqual(mapping))
    await waitFor(() =>
      expect(present(result.current.ada.data).grants.map((g) => g.roleId)).toContain(role.id),
    )
  })

  it('SC10: mapping to a role unknown in the org answers a typed error and changes nothing', async () => {
    const { orgId, connectionId, group, wrapperFor } = await withPushedGroup()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({ groups: useScimGroups({ orgId, connectionId }), map: useMapScimGroup() }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.groups.data?.total).toBe(1))
    await act(async () => {
      await result.current.map
        .mutateAsync({
          orgId,
          connectionId,
          groupId: group.id,
          mapping: { kind: 'role', roleId: '01b8dac5b4ff0000000000000000ffff', resourceIds: 'every' },
        })
        .catch(() => undefined)
    })
    await waitFor(() => expect(result.current.map.error).not.toBeNull())
    expect(result.current.map.error?.code).toBe('NOT_FOUND')
    expect(result.current.groups.data?.items[0]?.mapping).toBeNull()
  })
})
