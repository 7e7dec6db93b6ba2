// Query hooks take TanStack Query's options, and their `*QueryOptions` factories share the hooks'
// keys: what a host prefetches or ensures is what the hook then reads, with no second request.
import { QueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import { Suspense } from 'react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { useConnections } from './connections.js'
import { memberQueryOptions, membersInfiniteQueryOptions, useMember, useMembers } from './members.js'
import { myOrgsQueryOptions, useMyOrgs } from './orgs.js'
import { withAda } from './test-support.js'

/** Counts the calls of one use-case of a bound client, to prove a cached query did not fetch. */
function counting<T extends object, K extends keyof T>(target: T, key: K) {
  const original = target[key] as (...args: unknown[]) => unknown
  const calls = { count: 0 }
  target[key] = ((...args: unknown[]) => {
    calls.count += 1
    return original.apply(target, args)
  }) as T[K]
  return calls
}

describe('query options', () => {
  it('select reshapes a query’s data (useMember, useMembers, useMyOrgs)', async () => {
    const { orgId, accountId: adaId, wrapperFor } = await withAda()
    const { Wrapper } = wrapperFor()
    const member = renderHook(
      () => useMember({ orgId, accountId: adaId }, { select: (m) => `${m.firstName} <${m.email}>` }),
      { wrapper: Wrapper },
    )
    const emails = renderHook(
      () =>
        useMembers({ orgId }, { select: (data) => data.pages.flatMap((p) => p.items.map((m) => m.email)) }),
      { wrapper: Wrapper },
    )
    const orgNames = renderHook(() => useMyOrgs({ select: (mine) => mine.map((m) => m.org.name) }), {
      wrapper: Wrapper,
    })
    await waitFor(() => expect(member.result.current.data).toBe('Ada <ada@acme.test>'))
    await waitFor(() => expect(emails.result.current.data).toEqual(['fay@acme.test', 'ada@acme.test']))
    await waitFor(() => expect(orgNames.result.current.data).toEqual(['Acme Property']))
  })

  it('enabled: false holds the request until it turns true', async () => {
    const { orgId, accountId: adaId, wrapperFor } = await withAda()
    const { Wrapper, client } = wrapperFor()
    const gets = counting(client.members, 'get')
    const { result, rerender } = renderHook(
      ({ enabled }) => useMember({ orgId, accountId: adaId }, { enabled }),
      { wrapper: Wrapper, initialProps: { enabled: false } },
    )
    await new Promise((settle) => setTimeout(settle, 50))
    expect(result.current.fetchStatus).toBe('idle')
    expect(gets.count).toBe(0)
    rerender({ enabled: true })
    await waitFor(() => expect(result.current.data?.email).toBe('ada@acme.test'))
    expect(gets.count).toBe(1)
  })

  it('a prefetch through the factory fills the cache the hook reads, with no second request', async () => {
    const { orgId, accountId: adaId, wrapperFor } = await withAda()
    const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } })
    const { Wrapper, client } = wrapperFor(undefined, queryClient)
    const gets = counting(client.members, 'get')
    const lists = counting(client.members, 'list')
    const ensured = await queryClient.ensureQueryData(memberQueryOptions(client, { orgId, accountId: adaId }))
    await queryClient.prefetchInfiniteQuery(membersInfiniteQueryOptions(client, { orgId }))
    expect(ensured.email).toBe('ada@acme.test')
    // The key is tagged with the data type: `getQueryData` reads a MemberView back.
    expect(
      queryClient.getQueryData(memberQueryOptions(client, { orgId, accountId: adaId }).queryKey)?.email,
    ).toBe('ada@acme.test')
    const member = renderHook(() => useMember({ orgId, accountId: adaId }), { wrapper: Wrapper })
    const members = renderHook(() => useMembers({ orgId }), { wrapper: Wrapper })
    expect(member.result.current.data?.email).toBe('ada@acme.test')
    expect(members.result.current.data?.pages[0]?.items).toHaveLength(2)
    expect(gets.count).toBe(1)
    expect(lists.count).toBe(1)
  })

  it('the factories work with useSuspenseQuery', async () => {
    const { wrapperFor } = await withAda()
    const { Wrapper, client } = wrapperFor()
    const Suspending = ({ children }: { children: ReactNode }) => (
      <Wrapper>
        <Suspense fallback={null}>{children}</Suspense>
      </Wrapper>
    )
    const { result } = renderHook(() => useSuspenseQuery(myOrgsQueryOptions(client)), { wrapper: Suspending })
    await waitFor(() => expect(result.current?.data.map((m) => m.org.name)).toEqual(['Acme Property']))
  })

  it('useConnections keeps its polling and takes the caller’s options beside pollMs', async () => {
    const { orgId, wrapperFor } = await withAda()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => useConnections({ orgId }, { pollMs: 10, select: (all) => all.length }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.data).toBe(0))
  })
})
