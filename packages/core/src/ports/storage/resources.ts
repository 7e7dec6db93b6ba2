import type { Resource } from '../../domain/resource.js'

/** A keyset query over one org's resources, ordered by id ascending. */
export interface ResourceQuery {
  orgId: string
  type?: string
  /** Return resources whose id is strictly greater. */
  afterId?: string
  /** MUST return at most this many. */
  limit: number
}

/** What access can be scoped to: buildings, sites, projects (R1, R2). */
export interface ResourcesRepository {
  /**
   * MUST return the org's resources among `ids`, in any order; unknown ids and other orgs' resources
   * are skipped. Called inside a transaction it MUST hold the resources it returns against a
   * concurrent `delete` until commit (a key-share lock): a grant scoped to a resource found here
   * and the resource's deletion never both commit.
   */
  findByIds(orgId: string, ids: readonly string[]): Promise<Resource[]>
  /** A keyset page of the org's resources (of one type when given), by id ascending. */
  list(query: ResourceQuery): Promise<Resource[]>
  insert(resource: Resource): Promise<void>
  /**
   * Deletes a resource of the org and every grant scoped to it (`scopeKind: 'resource'`), in one
   * step: no grant at it survives, also one added concurrently. Grants at its type stay. MUST return
   * false when the org has no such resource.
   */
  delete(orgId: string, id: string): Promise<boolean>
}
