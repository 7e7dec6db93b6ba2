import type { DirectoryPerson } from '@roster/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useConnectSource, useConnections, useSyncConnection } from './connections.js'
import { useMembers } from './members.js'
import { present, setupRoster } from './test-support.js'

const contractors: DirectoryPerson[] = [
  { externalId: 'c1', email: 'sam@clean.test', firstName: 'Sam', lastName: 'Sweep' },
  { externalId: 'c2', email: 'kim@clean.test', firstName: 'Kim', lastName: 'Mop' },
]

describe('connections', () => {
  it('connects a directory source, syncs it and shows the synced guests', async () => {
    const source = {
      async *list() {
        yield* contractors
      },
    }
    const { orgId, wrapperFor } = await setupRoster({ directorySources: { contractors: source } })
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        connections: useConnections({ orgId }),
        guests: useMembers({ orgId, type: 'guest' }),
        connect: useConnectSource(),
        sync: useSyncConnection(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.connections.data).toEqual([]))
    const connection = await act(() =>
      result.current.connect.mutateAsync({ orgId, sourceKey: 'contractors', intervalMinutes: null }),
    )
    await waitFor(() => expect(result.current.connections.data).toHaveLength(1))
    const report = await act(() => result.current.sync.mutateAsync({ connectionId: connection.id }))
    expect(report).toMatchObject({ added: 2, errors: [] })
    await waitFor(() =>
      expect(result.current.guests.data?.pages[0]?.items.map((m) => m.email).sort()).toEqual([
        'kim@clean.test',
        'sam@clean.test',
      ]),
    )
    const sam = present(result.current.guests.data?.pages[0]?.items.find((m) => m.firstName === 'Sam'))
    expect(sam.managedFields).toContain('email')
    await waitFor(() => expect(result.current.connections.data?.[0]?.lastCompletedAt).not.toBeNull())
  })
})
