/** Org settings (API.md "Built-ins"). */
export interface OrgSettings {
  /** Whether accounts may ask to join (J1). Default `true`. */
  joinRequests: boolean
  /** Products every employee should hold a seat of (L7). Default `[]`. */
  requiredProducts: string[]
}

export const DEFAULT_ORG_SETTINGS: OrgSettings = { joinRequests: true, requiredProducts: [] }

/** An organization (tenant) as stored. */
export interface Organization {
  id: string
  name: string
  slug: string
  /** Contact email; may equal any account's email (O4). */
  email: string | null
  founderId: string
  settings: OrgSettings
  createdAt: Date
  updatedAt: Date
}

/** The public view of an organization. */
export interface OrgView {
  id: string
  name: string
  slug: string
  email: string | null
  founderId: string
  settings: OrgSettings
  createdAt: string
  updatedAt: string
}

export function toOrgView(org: Organization): OrgView {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    email: org.email,
    founderId: org.founderId,
    settings: org.settings,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  }
}

/** Derives a URL slug from a name: lower-case ASCII words joined by dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return slug.length >= 2 ? slug : `org-${slug}`
}
