/** A department of one org (D1, D2). Names are unique in the org ignoring case. */
export interface Department {
  id: string
  orgId: string
  name: string
  /** `name` trimmed, NFC, lower-cased: the key uniqueness is enforced on (D2). */
  nameKey: string
  createdAt: Date
  updatedAt: Date
}

/** A department as the API returns it. */
export interface DepartmentView {
  id: string
  orgId: string
  name: string
  /** Members (any status) in the department. */
  memberCount: number
  createdAt: string
  updatedAt: string
}

export function toDepartmentView(department: Department, memberCount: number): DepartmentView {
  return {
    id: department.id,
    orgId: department.orgId,
    name: department.name,
    memberCount,
    createdAt: department.createdAt.toISOString(),
    updatedAt: department.updatedAt.toISOString(),
  }
}
