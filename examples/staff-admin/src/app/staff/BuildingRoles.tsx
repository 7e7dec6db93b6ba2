import type { RoleView } from '@roster/core'
import type { useGrantMatrix } from '@roster/react'

type Matrix = ReturnType<typeof useGrantMatrix>

/**
 * Roles per building: tick the buildings, pick a role for each, copy one building's role to every
 * selected building, or select every building at once. Presentational over `useGrantMatrix`.
 */
export function BuildingRoles({
  matrix,
  buildings,
  roles,
  legend = 'Roles per building',
}: {
  matrix: Matrix
  buildings: { id: string; name: string }[]
  roles: RoleView[]
  legend?: string
}) {
  if (buildings.length === 0)
    return <p className="muted">No buildings yet: add them under “Buildings & roles”.</p>
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id
  return (
    <fieldset className="matrix">
      <legend>{legend}</legend>
      <div className="matrix-actions">
        <button
          type="button"
          className="button small"
          onClick={matrix.selectAll}
          disabled={matrix.allSelected}
        >
          Select all buildings
        </button>
        <button type="button" className="button small ghost" onClick={matrix.clear}>
          Clear
        </button>
      </div>
      <table className="matrix-table">
        <thead>
          <tr>
            <th scope="col">Building</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="visually-hidden">Copy</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {buildings.map((building) => {
            const selected = matrix.isSelected(building.id)
            const checkboxId = `building-${building.id}`
            return (
              <tr key={building.id}>
                <td>
                  <label className="check" htmlFor={checkboxId}>
                    <input
                      id={checkboxId}
                      type="checkbox"
                      checked={selected}
                      onChange={(e) => matrix.toggle(building.id, e.target.checked)}
                    />
                    {building.name}
                  </label>
                </td>
                <td>
                  <select
                    aria-label={`Role at ${building.name}`}
                    value={matrix.roleAt(building.id)}
                    disabled={!selected}
                    onChange={(e) => matrix.setRole(building.id, e.target.value)}
                  >
                    {selected ? null : <option value="">—</option>}
                    {roles.map((role) => (
                      <option key={role.id} value={role.id}>
                        {role.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="button small ghost"
                    disabled={!selected}
                    aria-label={
                      selected
                        ? `Copy to all selected buildings: ${roleName(matrix.roleAt(building.id))} at ${building.name}`
                        : `Copy to all selected buildings: the role at ${building.name}`
                    }
                    onClick={() => matrix.copyToAll(building.id)}
                  >
                    Copy to all
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </fieldset>
  )
}
