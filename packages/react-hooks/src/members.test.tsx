import type { ListMembersError, RosterError } from '@roster/core'
import type { TransportErrorCode } from '@roster/core/http'
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  useAddManyMembers,
  useAddMember,
  useDisableMember,
  useEnableMember,
  useMember,
  useMembers,
  useRemoveMember,
  useUpdateMember,
} from './members.js'
import { useResendActivation } from './activation.js'
import { useMyOrgs, useTransferFoundership } from './orgs.js'
import { PASSWORD, setupRoster } from './test-support.js'

const people = [
  ['ada@acme.test', 'Ada', 'Lovelace'],
  ['grace@acme.test', 'Grace', 'Hopper'],
  ['alan@acme.test', 'Alan', 'Turing'],
] as const

async function withStaff() {
  const setup = await setupRoster()
  for (const [email, firstName, lastName] of people) {
    ;(
      await setup.roster.members.add(setup.founder, { orgId: setup.orgId, email, firstName, lastName })
    )._unsafeUnwrap()
  }
  return setup
}

describe('useMembers', () => {
  it('lists the directory page by page through the cursor', async () => {
    const { orgId, wrapperFor } = await withStaff()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(() => useMembers({ orgId, limit: 2 }), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.pages[0]?.items.map((m) => m.firstName)).toEqual(['Fay', 'Ada'])
    expect(result.current.hasNextPage).toBe(true)
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2))
    expect(result.current.data?.pages.flatMap((p) => p.items.map((m) => m.firstName))).toEqual([
      'Fay',
      'Ada',
      'Grace',
      'Alan',
    ])
    expect(result.current.hasNextPage).toBe(false)
  })

  it('filters by search and keeps the previous list on screen while the new one loads', async () => {
    const { orgId, wrapperFor } = await withStaff()
    const { Wrapper } = wrapperFor()
    const { result, rerender } = renderHook(({ search }) => useMembers({ orgId, search }), {
      wrapper: Wrapper,
      initialProps: { search: undefined as string | undefined },
    })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.pages[0]?.items).toHaveLength(4)
    rerender({ search: 'gra' })
    // keepPreviousData: the old list stays, flagged as a placeholder, until the search answers.
    expect(result.current.isPlaceholderData).toBe(true)
    expect(result.current.data?.pages[0]?.items).toHaveLength(4)
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false))
    expect(result.current.data?.pages[0]?.items.map((m) => m.email)).toEqual(['grace@acme.test'])
  })

  it('throws the RosterError into the error channel with its code, without retrying a refusal', async () => {
    const { orgId, wrapperFor, activeAccount } = await withStaff()
    const stranger = await activeAccount('stranger@else.test')
    const { Wrapper } = wrapperFor(stranger)
    const { result } = renderHook(() => useMembers({ orgId }), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.isError).toBe(true))
    // X7: an org the actor is not in answers like one that does not exist.
    expect(result.current.error).toMatchObject({ code: 'ORG_NOT_FOUND', message: expect.any(String) })
    expect(result.current.failureCount).toBe(1)
    // The use-case's own codes, and what the transport answers (the client is an HTTP client).
    expectTypeOf(result.current.error!).toEqualTypeOf<
      RosterError<ListMembersError['code'] | TransportErrorCode | 'UNAUTHENTICATED'>
    >()
  })
})

describe('member mutations', () => {
  it('adds a member and refreshes the directory by key prefix', async () => {
    const { orgId, wrapperFor, mailer } = await setupRoster()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(() => ({ list: useMembers({ orgId }), add: useAddMember() }), {
      wrapper: Wrapper,
    })
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    expect(result.current.list.data?.pages[0]?.items).toHaveLength(1)
    await act(() =>
      result.current.add.mutateAsync({
        orgId,
        email: 'ada@acme.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
      }),
    )
    await waitFor(() => expect(result.current.list.data?.pages[0]?.items).toHaveLength(2))
    expect(result.current.list.data?.pages[0]?.items[1]).toMatchObject({
      email: 'ada@acme.test',
      membershipStatus: 'invited',
      accountStatus: 'pending_activation',
    })
    expect(mailer.last('ada@acme.test')?.template).toBe('activation')
  })

  it("runs the caller's onSuccess after the hook's own invalidation, with the use-case's value", async () => {
    const { orgId, wrapperFor } = await setupRoster()
    const { Wrapper, queryClient } = wrapperFor()
    const seen: { email: string; directorySize: number | undefined }[] = []
    const { result } = renderHook(
      () => ({
        list: useMembers({ orgId }),
        add: useAddMember({
          onSuccess: (member) => {
            const [list] = queryClient
              .getQueryCache()
              .findAll({ queryKey: ['roster', 'org', orgId, 'members', 'list'] })
            const data = list?.state.data as { pages: { items: unknown[] }[] } | undefined
            seen.push({ email: member.email, directorySize: data?.pages[0]?.items.length })
          },
        }),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    await act(() =>
      result.current.add.mutateAsync({
        orgId,
        email: 'ada@acme.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
      }),
    )
    // The invalidation had refetched the directory (now two people) before the caller's callback ran.
    expect(seen).toEqual([{ email: 'ada@acme.test', directorySize: 2 }])
    // The hook re-renders from the cache on TanStack's batched notification (a timer): wait for it.
    await waitFor(() => expect(result.current.list.data?.pages[0]?.items).toHaveLength(2))
  })

  it('keeps a typed error code on a failed mutation (ALREADY_MEMBER, VALIDATION issues)', async () => {
    const { orgId, wrapperFor } = await withStaff()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(() => useAddMember(), { wrapper: Wrapper })
    await act(async () => {
      await result.current
        .mutateAsync({ orgId, email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace' })
        .catch(() => undefined)
    })
    await waitFor(() => expect(result.current.error?.code).toBe('ALREADY_MEMBER'))
    await act(async () => {
      await result.current
        .mutateAsync({ orgId, email: 'nope', firstName: '', lastName: 'X' })
        .catch(() => undefined)
    })
    await waitFor(() => expect(result.current.error?.code).toBe('VALIDATION'))
    const issues = result.current.error?.details?.issues as { path: string }[]
    expect(issues.map((i) => i.path).sort()).toEqual(['email', 'firstName'])
  })

  it('disables, enables, edits and removes, refreshing the member each time', async () => {
    const { orgId, roster, founder, wrapperFor, mailer } = await setupRoster()
    const ada = (
      await roster.members.add(founder, {
        orgId,
        email: 'ada@acme.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
        credential: { kind: 'password', password: PASSWORD },
      })
    )._unsafeUnwrap()
    const accountId = ada.accountId
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        member: useMember({ orgId, accountId }),
        disable: useDisableMember(),
        enable: useEnableMember(),
        update: useUpdateMember(),
        remove: useRemoveMember(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.member.data?.allowedActions).toContain('disable'))

    await act(() => result.current.disable.mutateAsync({ orgId, accountId }))
    await waitFor(() => expect(result.current.member.data?.membershipStatus).toBe('disabled'))
    expect(result.current.member.data?.allowedActions).toContain('enable')

    await act(() => result.current.enable.mutateAsync({ orgId, accountId }))
    await waitFor(() => expect(result.current.member.data?.membershipStatus).toBe('active'))

    await act(() => result.current.update.mutateAsync({ orgId, accountId, title: 'Site manager' }))
    await waitFor(() => expect(result.current.member.data?.title).toBe('Site manager'))

    mailer.clear()
    await act(() => result.current.remove.mutateAsync({ orgId, accountId }))
    await waitFor(() => expect(result.current.member.error?.code).toBe('NOT_FOUND'))
  })

  it('resends the activation link of a pending member', async () => {
    const { orgId, roster, founder, wrapperFor, mailer } = await setupRoster()
    const bob = (
      await roster.members.add(founder, {
        orgId,
        email: 'bob@acme.test',
        firstName: 'Bob',
        lastName: 'Builder',
      })
    )._unsafeUnwrap()
    expect(bob.allowedActions).toContain('resendActivation')
    mailer.clear()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(() => useResendActivation(), { wrapper: Wrapper })
    await act(() => result.current.mutateAsync({ orgId, accountId: bob.accountId }))
    expect(mailer.last('bob@acme.test')?.template).toBe('activation')
  })
})

describe('useMyOrgs', () => {
  it('lists the orgs of the signed-in person', async () => {
    const { wrapperFor, orgId } = await setupRoster()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(() => useMyOrgs(), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.map((o) => o.org.id)).toEqual([orgId])
  })
})

describe('useAddManyMembers and useTransferFoundership', () => {
  it('imports rows with a result per row, then hands foundership to an active member', async () => {
    const { orgId, wrapperFor } = await setupRoster()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({ addMany: useAddManyMembers(), transfer: useTransferFoundership(), orgs: useMyOrgs() }),
      { wrapper: Wrapper },
    )
    const report = await act(() =>
      result.current.addMany.mutateAsync({
        orgId,
        rows: [
          {
            email: 'ada@acme.test',
            firstName: 'Ada',
            lastName: 'Lovelace',
            credential: { kind: 'password', password: PASSWORD },
          },
          { email: 'not-an-email', firstName: 'Bad', lastName: 'Row' },
        ],
      }),
    )
    expect(report).toMatchObject({ added: 1, failed: 1 })
    const failed = report.results[1]
    expect(failed?.ok === false && failed.error.code).toBe('VALIDATION')
    const ada = report.results[0]
    const adaId = ada?.ok ? ada.member.accountId : ''
    await act(() => result.current.transfer.mutateAsync({ orgId, toAccountId: adaId }))
    await waitFor(() => expect(result.current.orgs.data?.[0]?.isFounder).toBe(false))
  })
})
