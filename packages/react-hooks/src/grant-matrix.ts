import type { Grant } from '@roster/core'
import { useCallback, useMemo, useState } from 'react'

/** Which role each selected resource gets: `resourceId → roleId`. Unselected resources are absent. */
export type GrantMatrix = Readonly<Record<string, string>>

const resourceIdOf = (grant: Grant): string | null =>
  typeof grant.scope === 'object' && 'resourceId' in grant.scope ? grant.scope.resourceId : null

/**
 * The matrix of a member's current per-resource grants, limited to `resourceIds` (one role per
 * resource; when a member holds several at one resource, the first is shown).
 */
export function grantMatrixFrom(grants: readonly Grant[], resourceIds: readonly string[]): GrantMatrix {
  const known = new Set(resourceIds)
  const matrix: Record<string, string> = {}
  for (const grant of grants) {
    const resourceId = resourceIdOf(grant)
    if (resourceId && known.has(resourceId) && !(resourceId in matrix)) matrix[resourceId] = grant.roleId
  }
  return matrix
}

/** The grants a matrix stands for: one `{ roleId, scope: { resourceId } }` per selected resource. */
export function grantsOf(matrix: GrantMatrix): Grant[] {
  return Object.entries(matrix)
    .filter(([, roleId]) => roleId !== '')
    .map(([resourceId, roleId]) => ({ roleId, scope: { resourceId } }))
}

/**
 * What to call to go from a member's current grants to the matrix, for the resources it covers:
 * `assign` the new ones (one `roles.assign` call), `revoke` the dropped ones (one `roles.revoke`
 * each). Org-wide and all-of-a-type grants are left alone.
 */
export function diffGrantMatrix(
  current: readonly Grant[],
  matrix: GrantMatrix,
  resourceIds: readonly string[],
): { assign: Grant[]; revoke: Grant[] } {
  const covered = new Set(resourceIds)
  const key = (g: Grant) => `${g.roleId}@${resourceIdOf(g)}`
  const before = current.filter((g) => {
    const id = resourceIdOf(g)
    return id !== null && covered.has(id)
  })
  const after = grantsOf(matrix)
  const had = new Set(before.map(key))
  const has = new Set(after.map(key))
  return {
    assign: after.filter((g) => !had.has(key(g))),
    revoke: before.filter((g) => !has.has(key(g))).map((g) => ({ roleId: g.roleId, scope: g.scope })),
  }
}

/**
 * A headless editor for "roles per building": pick resources, give each a role, copy one
 * resource's role to every selected resource, or select them all — the screen that help centers
 * describe as "copy the permission group to all other buildings" and "select all buildings".
 * Render it however you like; save with `useAssignRoles` (and `useRevokeRole` for `changes.revoke`).
 *
 * @example
 * const matrix = useGrantMatrix({ resourceIds: buildings.map((b) => b.id), current: member.grants, defaultRoleId: 'member' })
 * <input type="checkbox" checked={matrix.isSelected(b.id)} onChange={(e) => matrix.toggle(b.id, e.target.checked)} />
 * <select value={matrix.roleAt(b.id)} onChange={(e) => matrix.setRole(b.id, e.target.value)}>…</select>
 * <button onClick={() => matrix.copyToAll(b.id)}>Copy to all</button>
 * assign.mutate({ orgId, accountId, grants: matrix.changes.assign })
 */
export function useGrantMatrix(options: {
  resourceIds: readonly string[]
  current?: readonly Grant[]
  /** The role a newly selected resource gets. Default `member`. */
  defaultRoleId?: string
}) {
  const { resourceIds, current = [], defaultRoleId = 'member' } = options
  const [matrix, setMatrix] = useState<GrantMatrix>(() => grantMatrixFrom(current, resourceIds))
  const [lastRole, setLastRole] = useState(defaultRoleId)

  const toggle = useCallback(
    (resourceId: string, selected: boolean) =>
      setMatrix((m) => {
        const next = { ...m }
        if (selected) next[resourceId] = m[resourceId] ?? lastRole
        else delete next[resourceId]
        return next
      }),
    [lastRole],
  )
  const setRole = useCallback((resourceId: string, roleId: string) => {
    setLastRole(roleId)
    setMatrix((m) => ({ ...m, [resourceId]: roleId }))
  }, [])
  const copyToAll = useCallback(
    (resourceId: string) =>
      setMatrix((m) => {
        const roleId = m[resourceId]
        if (!roleId) return m
        return Object.fromEntries(Object.keys(m).map((id) => [id, roleId]))
      }),
    [],
  )
  const selectAll = useCallback(
    () => setMatrix((m) => Object.fromEntries(resourceIds.map((id) => [id, m[id] ?? lastRole]))),
    [resourceIds, lastRole],
  )
  const clear = useCallback(() => setMatrix({}), [])
  const reset = useCallback(
    (grants: readonly Grant[] = current) => setMatrix(grantMatrixFrom(grants, resourceIds)),
    [current, resourceIds],
  )

  const changes = useMemo(() => diffGrantMatrix(current, matrix, resourceIds), [current, matrix, resourceIds])
  return {
    matrix,
    isSelected: (resourceId: string) => resourceId in matrix,
    roleAt: (resourceId: string) => matrix[resourceId] ?? '',
    allSelected: resourceIds.length > 0 && resourceIds.every((id) => id in matrix),
    toggle,
    setRole,
    copyToAll,
    selectAll,
    clear,
    reset,
    /** Every selected resource's grant, for a new member (`members.add({ grants })`). */
    grants: grantsOf(matrix),
    /** What changed against `current`, for an existing member. */
    changes,
    dirty: changes.assign.length > 0 || changes.revoke.length > 0,
  }
}
