// Makes neverthrow's types nameable in this module's declarations (TS2742 otherwise).
import type {} from 'neverthrow'
import {
  numbersInfiniteQueryOptions,
  resourcesInfiniteQueryOptions,
  useDepartments,
  useRoles,
  useRosterClient,
} from '@roster/react'
import { useInfiniteQuery } from '@tanstack/react-query'

type Page<T> = { items: T[] }
type ItemOf<P> = P extends Page<infer T> ? T : never

// Explicit return shapes: what the widgets read. Spreading the whole query result made the
// declaration build name neverthrow's types through core's node_modules (TS2742).

/** The org's buildings (resources of type `building`), all of them. */
export function useBuildings(orgId: string): {
  buildings: Array<ItemOf<NonNullable<ReturnType<typeof useBuildingPages>['data']>['pages'][number]>>
  isSuccess: boolean
} {
  const query = useBuildingPages(orgId)
  return { isSuccess: query.isSuccess, buildings: query.data?.pages.flatMap((page) => page.items) ?? [] }
}

function useBuildingPages(orgId: string) {
  return useInfiniteQuery(
    resourcesInfiniteQueryOptions(useRosterClient(), { orgId, type: 'building', limit: 200 }),
  )
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

/** Available numbers of the pool; asked only when `enabled` (a person who may assign them). */
export function useAvailableNumbers(
  orgId: string,
  enabled = true,
): {
  numbers: Array<ItemOf<NonNullable<ReturnType<typeof useNumberPages>['data']>['pages'][number]>>
  refetch: () => Promise<unknown>
} {
  const query = useNumberPages(orgId, enabled)
  return { refetch: () => query.refetch(), numbers: query.data?.pages.flatMap((page) => page.items) ?? [] }
}

function useNumberPages(orgId: string, enabled: boolean) {
  return useInfiniteQuery({
    ...numbersInfiniteQueryOptions(useRosterClient(), { orgId, status: 'available', limit: 200 }),
    enabled,
  })
}
