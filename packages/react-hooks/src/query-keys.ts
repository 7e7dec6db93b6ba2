/**
 * The hierarchical query-key factory every Roster hook uses. Keys nest from general to specific,
 * so a mutation invalidates by prefix: `rosterKeys.members(orgId)` covers every list and every
 * single member of that org.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: rosterKeys.members(orgId) })
 */
export const rosterKeys = {
  all: ['roster'] as const,
  org: (orgId: string) => [...rosterKeys.all, 'org', orgId] as const,
  members: (orgId: string) => [...rosterKeys.org(orgId), 'members'] as const,
  memberList: (orgId: string, filters: Record<string, unknown> = {}) =>
    [...rosterKeys.members(orgId), 'list', filters] as const,
  member: (orgId: string, accountId: string) => [...rosterKeys.members(orgId), 'detail', accountId] as const,
  myOrgs: () => [...rosterKeys.all, 'my-orgs'] as const,
}
