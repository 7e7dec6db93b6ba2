/**
 * Something of an org's that access can be scoped to (a building, a site, a project): a role
 * assignment is org-wide, at one resource, or at every resource of a type (R1, R2).
 */
export interface Resource {
  id: string
  orgId: string
  /** Lower-case kebab word, e.g. `building`. */
  type: string
  name: string
  createdAt: Date
}

/** A resource as the API returns it. */
export interface ResourceView {
  id: string
  orgId: string
  type: string
  name: string
  createdAt: string
}

export function toResourceView(resource: Resource): ResourceView {
  return {
    id: resource.id,
    orgId: resource.orgId,
    type: resource.type,
    name: resource.name,
    createdAt: resource.createdAt.toISOString(),
  }
}
