import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { render, renderHook, screen, waitFor } from '@testing-library/react'
import { bindActor } from '@roster/core/http'
import { expect, it } from 'vitest'
import { useMembers } from './members.js'
import { RosterProvider, useRosterClient } from './provider.js'
import { setupRoster } from './test-support.js'

it('throws a setup error when a hook runs outside RosterProvider', () => {
  expect(() => renderHook(() => useRosterClient())).toThrow(/RosterProvider/)
})

it('uses the QueryClient it is given, else an enclosing one, else its own', async () => {
  const { roster, founder } = await setupRoster()
  const client = bindActor(roster, founder)
  const given = new QueryClient()
  const seen: QueryClient[] = []
  const Probe = () => {
    seen.push(useQueryClient())
    return null
  }
  render(
    <RosterProvider client={client} queryClient={given}>
      <Probe />
    </RosterProvider>,
  )
  const enclosing = new QueryClient()
  render(
    <QueryClientProvider client={enclosing}>
      <RosterProvider client={client}>
        <Probe />
      </RosterProvider>
    </QueryClientProvider>,
  )
  render(
    <RosterProvider client={client}>
      <Probe />
    </RosterProvider>,
  )
  expect(seen[0]).toBe(given)
  expect(seen[1]).toBe(enclosing)
  expect(seen[2]).toBeInstanceOf(QueryClient)
  expect(seen[2]).not.toBe(given)
  expect(seen[2]).not.toBe(enclosing)
})

it('renders a screen from the hooks', async () => {
  const { roster, founder, orgId } = await setupRoster()
  const Names = () => {
    const members = useMembers({ orgId })
    return (
      <ul>
        {members.data?.pages
          .flatMap((p) => p.items)
          .map((m) => (
            <li key={m.accountId}>{`${m.firstName} ${m.lastName}`}</li>
          ))}
      </ul>
    )
  }
  render(
    <RosterProvider client={bindActor(roster, founder)}>
      <Names />
    </RosterProvider>,
  )
  await waitFor(() => expect(screen.getByText('Fay Founder')).toBeTruthy())
})
