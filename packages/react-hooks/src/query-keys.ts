/** Filters as they appear in a key: `undefined` entries dropped so `{ search: undefined }` and `{}` share a cache entry. */
function filtersOf<T extends object>(input: T): Partial<T> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined && key !== 'orgId' && key !== 'cursor') out[key] = value
  }
  return out as Partial<T>
}

/**
 * The hierarchical query-key factory every Roster hook uses. Keys nest from general to specific,
 * so a mutation invalidates by prefix: `rosterKeys.members(orgId)` covers every list and every
 * single member of that org, `rosterKeys.org(orgId)` everything of that org.
 *
 * ```
 * ['roster']
 * ├─ ['roster', 'my-orgs']
 * └─ ['roster', 'org', orgId]
 *    ├─ 'detail'
 *    ├─ 'members' ─ 'list', filters | 'detail', accountId
 *    ├─ 'roles' · 'resources', filters · 'departments' · 'join-requests', filters
 *    ├─ 'licenses' ─ 'summary' · 'numbers', filters
 *    └─ 'connections' · 'audit', filters · 'outbox', filters · 'blocklist'
 * ```
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: rosterKeys.members(orgId) })
 */
export const rosterKeys = {
  all: ['roster'] as const,
  myOrgs: () => [...rosterKeys.all, 'my-orgs'] as const,
  /** The signed-in person's own join requests (`joinRequests.listMine`), across orgs. */
  myJoinRequests: () => [...rosterKeys.all, 'my-join-requests'] as const,
  org: (orgId: string) => [...rosterKeys.all, 'org', orgId] as const,
  orgDetail: (orgId: string) => [...rosterKeys.org(orgId), 'detail'] as const,

  members: (orgId: string) => [...rosterKeys.org(orgId), 'members'] as const,
  memberLists: (orgId: string) => [...rosterKeys.members(orgId), 'list'] as const,
  memberList: (orgId: string, filters: object = {}) =>
    [...rosterKeys.memberLists(orgId), filtersOf(filters)] as const,
  member: (orgId: string, accountId: string) => [...rosterKeys.members(orgId), 'detail', accountId] as const,

  roles: (orgId: string) => [...rosterKeys.org(orgId), 'roles'] as const,
  resources: (orgId: string) => [...rosterKeys.org(orgId), 'resources'] as const,
  resourceList: (orgId: string, filters: object = {}) =>
    [...rosterKeys.resources(orgId), filtersOf(filters)] as const,
  departments: (orgId: string) => [...rosterKeys.org(orgId), 'departments'] as const,
  joinRequests: (orgId: string) => [...rosterKeys.org(orgId), 'join-requests'] as const,
  joinRequestList: (orgId: string, filters: object = {}) =>
    [...rosterKeys.joinRequests(orgId), filtersOf(filters)] as const,

  licenses: (orgId: string) => [...rosterKeys.org(orgId), 'licenses'] as const,
  licenseSummary: (orgId: string) => [...rosterKeys.licenses(orgId), 'summary'] as const,
  numbers: (orgId: string) => [...rosterKeys.org(orgId), 'numbers'] as const,
  numberList: (orgId: string, filters: object = {}) =>
    [...rosterKeys.numbers(orgId), filtersOf(filters)] as const,

  connections: (orgId: string) => [...rosterKeys.org(orgId), 'connections'] as const,
  outbox: (orgId: string) => [...rosterKeys.org(orgId), 'outbox'] as const,
  outboxList: (orgId: string, filters: object = {}) =>
    [...rosterKeys.outbox(orgId), filtersOf(filters)] as const,
  blocklist: (orgId: string) => [...rosterKeys.org(orgId), 'blocklist'] as const,
  audit: (orgId: string) => [...rosterKeys.org(orgId), 'audit'] as const,
  auditList: (orgId: string, filters: object = {}) =>
    [...rosterKeys.audit(orgId), filtersOf(filters)] as const,
}
