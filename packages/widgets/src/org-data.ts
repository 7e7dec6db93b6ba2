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

/** The org's buildings (resources of type `building`), all of them. */
export function useBuildings(orgId: string) {
  const query = useInfiniteQuery(
    resourcesInfiniteQueryOptions(useRosterClient(), { orgId, type: 'building', limit: 200 }),
  )
  return { ...query, buildings: query.data?.pages.flatMap((page) => page.items) ?? [] }
}

/** The org's resources of one type (all of them: an org has tens, not thousands). */
export function useResourceList(orgId: string, type: string) {
  const query = useInfiniteQuery(
    resourcesInfiniteQueryOptions(useRosterClient(), { orgId, type, limit: 200 }),
  )
  return { ...query, resources: query.data?.pages.flatMap((page) => page.items) ?? [] }
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
export function useAvailableNumbers(orgId: string, enabled = true) {
  const query = useInfiniteQuery({
    ...numbersInfiniteQueryOptions(useRosterClient(), { orgId, status: 'available', limit: 200 }),
    enabled,
  })
  return { ...query, numbers: query.data?.pages.flatMap((page) => page.items) ?? [] }
}
