import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  useApproveJoinRequest,
  useCancelJoinRequest,
  useCreateJoinRequest,
  useAssignRoles,
  useCreateDepartment,
  useCreateResource,
  useDefineRole,
  useDepartments,
  useJoinRequests,
  useMyJoinRequests,
  useResources,
  useRevokeRole,
  useRoles,
} from './access.js'
import { useMember, useMembers, useUpdateMember } from './members.js'
import { present, setupRoster, withAda } from './test-support.js'

describe('resources and roles', () => {
  it('creates buildings and a custom role, assigns it per building and revokes it', async () => {
    const { orgId, accountId, wrapperFor } = await withAda()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        buildings: useResources({ orgId, type: 'building' }),
        roles: useRoles({ orgId }),
        member: useMember({ orgId, accountId }),
        createResource: useCreateResource(),
        defineRole: useDefineRole(),
        assign: useAssignRoles(),
        revoke: useRevokeRole(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() =>
      expect(result.current.buildings.isSuccess && result.current.roles.isSuccess).toBe(true),
    )
    expect(result.current.roles.data?.map((r) => r.id)).toEqual(
      expect.arrayContaining(['owner', 'admin', 'member']),
    )

    for (const name of ['Maple Court', 'Oak Tower']) {
      await act(() => result.current.createResource.mutateAsync({ orgId, type: 'building', name }))
    }
    await waitFor(() => expect(result.current.buildings.data?.pages[0]?.items).toHaveLength(2))
    const role = await act(() =>
      result.current.defineRole.mutateAsync({ orgId, name: 'Concierge', permissions: ['members:read'] }),
    )
    await waitFor(() => expect(result.current.roles.data?.map((r) => r.name)).toContain('Concierge'))

    const [maple, oak] = present(result.current.buildings.data?.pages[0]).items
    await act(() =>
      result.current.assign.mutateAsync({
        orgId,
        accountId,
        grants: [present(maple), present(oak)].map((b) => ({ roleId: role.id, scope: { resourceId: b.id } })),
      }),
    )
    await waitFor(() =>
      expect(
        result.current.member.data?.grants
          .filter((g) => g.roleId === role.id)
          .map((g) => g.scopeName)
          .sort(),
      ).toEqual(['Maple Court', 'Oak Tower']),
    )
    await act(() =>
      result.current.revoke.mutateAsync({
        orgId,
        accountId,
        roleId: role.id,
        scope: { resourceId: present(oak).id },
      }),
    )
    await waitFor(() =>
      expect(
        result.current.member.data?.grants.filter((g) => g.roleId === role.id).map((g) => g.scopeName),
      ).toEqual(['Maple Court']),
    )
  })
})

describe('departments', () => {
  it('creates a department and counts the member moved into it', async () => {
    const { orgId, accountId, wrapperFor } = await withAda()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        departments: useDepartments({ orgId }),
        create: useCreateDepartment(),
        update: useUpdateMember(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.departments.isSuccess).toBe(true))
    const department = await act(() => result.current.create.mutateAsync({ orgId, name: 'Maintenance' }))
    await act(() => result.current.update.mutateAsync({ orgId, accountId, departmentId: department.id }))
    await waitFor(() =>
      expect(result.current.departments.data?.find((d) => d.id === department.id)?.memberCount).toBe(1),
    )
  })
})

describe('join requests', () => {
  it('lists pending requests and approving one adds the person to the directory', async () => {
    const { orgId, roster, wrapperFor, activeAccount } = await setupRoster()
    const joe = await activeAccount('joe@elsewhere.test', 'Joe', 'Requester')
    ;(await roster.joinRequests.create(joe, { orgId, message: 'I run the night shift' }))._unsafeUnwrap()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        requests: useJoinRequests({ orgId, status: 'pending' }),
        members: useMembers({ orgId }),
        approve: useApproveJoinRequest(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.requests.data?.pages[0]?.items).toHaveLength(1))
    const request = present(result.current.requests.data?.pages[0]?.items[0])
    expect(request).toMatchObject({
      message: 'I run the night shift',
      requester: { email: 'joe@elsewhere.test' },
    })
    await act(() => result.current.approve.mutateAsync({ requestId: request.id }))
    await waitFor(() => expect(result.current.requests.data?.pages[0]?.items).toHaveLength(0))
    await waitFor(() =>
      expect(result.current.members.data?.pages[0]?.items.map((m) => m.email)).toContain(
        'joe@elsewhere.test',
      ),
    )
  })

  it('J2: the requester sees their own request appear on asking and turn cancelled on withdrawing', async () => {
    const { orgId, wrapperFor, activeAccount } = await setupRoster()
    const joe = await activeAccount('joe@elsewhere.test', 'Joe', 'Requester')
    const { Wrapper } = wrapperFor(joe)
    const { result } = renderHook(
      () => ({ mine: useMyJoinRequests(), ask: useCreateJoinRequest(), cancel: useCancelJoinRequest() }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.mine.data).toEqual([]))
    const asked = await act(() => result.current.ask.mutateAsync({ orgId, message: 'Night shift' }))
    await waitFor(() =>
      expect(result.current.mine.data).toMatchObject([
        { id: asked.id, status: 'pending', message: 'Night shift' },
      ]),
    )
    await act(() => result.current.cancel.mutateAsync({ requestId: asked.id }))
    await waitFor(() => expect(result.current.mine.data?.[0]?.status).toBe('cancelled'))
  })
})
