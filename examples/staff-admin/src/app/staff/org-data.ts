import { useDepartments, useNumbers, useResources, useRoles } from '@roster/react'

/** The org's buildings (resources of type `building`), all of them. */
export function useBuildings(orgId: string) {
  const query = useResources({ orgId, type: 'building', limit: 200 })
  return { ...query, buildings: query.data?.pages.flatMap((page) => page.items) ?? [] }
}

/** Roles that make sense per building: every role but `owner` (org-wide by nature). */
export function useAssignableRoles(orgId: string) {
  const query = useRoles({ orgId })
  return { ...query, roles: (query.data ?? []).filter((role) => role.id !== 'owner') }
}

export function useDepartmentList(orgId: string) {
  const query = useDepartments({ orgId })
  return { ...query, departments: query.data ?? [] }
}

export function useAvailableNumbers(orgId: string, enabled = true) {
  const query = useNumbers({ orgId, status: 'available', limit: 200 })
  return { ...query, numbers: enabled ? (query.data?.pages.flatMap((page) => page.items) ?? []) : [] }
}

/** "member.added" → "Member added". */
export function describeAction(action: string): string {
  const [area = '', verb = ''] = action.split('.')
  const text = `${area.replace(/-/g, ' ')} ${verb.replace(/-/g, ' ')}`.trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}
