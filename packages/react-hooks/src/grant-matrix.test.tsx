import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { diffGrantMatrix, grantMatrixFrom, useGrantMatrix } from './grant-matrix.js'

const buildings = ['b1', 'b2', 'b3']

describe('useGrantMatrix', () => {
  it('copies one building’s role to every selected building, and selects all buildings', () => {
    const { result } = renderHook(() => useGrantMatrix({ resourceIds: buildings, defaultRoleId: 'member' }))
    act(() => result.current.toggle('b1', true))
    act(() => result.current.toggle('b2', true))
    act(() => result.current.setRole('b1', 'concierge'))
    expect(result.current.matrix).toEqual({ b1: 'concierge', b2: 'member' })
    act(() => result.current.copyToAll('b1'))
    expect(result.current.matrix).toEqual({ b1: 'concierge', b2: 'concierge' })
    act(() => result.current.selectAll())
    // A newly selected building takes the last role chosen.
    expect(result.current.matrix).toEqual({ b1: 'concierge', b2: 'concierge', b3: 'concierge' })
    expect(result.current.allSelected).toBe(true)
    expect(result.current.grants).toHaveLength(3)
  })

  it('diffs against the current grants, leaving org-wide grants alone', () => {
    const current = [
      { roleId: 'member', scope: 'org' as const },
      { roleId: 'concierge', scope: { resourceId: 'b1' } },
      { roleId: 'manager', scope: { resourceId: 'b2' } },
    ]
    expect(grantMatrixFrom(current, buildings)).toEqual({ b1: 'concierge', b2: 'manager' })
    expect(diffGrantMatrix(current, { b1: 'concierge', b3: 'manager' }, buildings)).toEqual({
      assign: [{ roleId: 'manager', scope: { resourceId: 'b3' } }],
      revoke: [{ roleId: 'manager', scope: { resourceId: 'b2' } }],
    })
  })
})
