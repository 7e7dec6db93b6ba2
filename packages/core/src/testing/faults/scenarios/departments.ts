// Fault scenarios of departments.
import { withOrg, type Run } from './helpers.js'
import type { FaultScenario } from './types.js'

export const departmentScenarios: readonly FaultScenario[] = [
  ...withOrg('departments.create', async ({ roster }, v) =>
    roster.departments.create({ accountId: v.founder! }, { orgId: v.orgId!, name: 'Sales' }),
  ),
  ...withDepartment('departments.rename', async (roster, v) =>
    roster.departments.rename(
      { accountId: v.founder! },
      { orgId: v.orgId!, departmentId: v.departmentId!, name: 'Marketing' },
    ),
  ),
  ...withDepartment('departments.delete', async (roster, v) =>
    roster.departments.delete(
      { accountId: v.founder! },
      { orgId: v.orgId!, departmentId: v.departmentId!, moveMembersTo: v.otherDepartmentId! },
    ),
  ),
]

function withDepartment(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        const department = h.unwrap(
          await roster.departments.create(founder, { orgId, name: 'Sales' }),
          'departments.create',
        ) as {
          id: string
        }
        const accountId = await h.member(orgId, 'max@example.test')
        h.unwrap(
          await roster.members.update(founder, { orgId, accountId, departmentId: department.id }),
          'members.update',
        )
        const other = h.unwrap(
          await roster.departments.create(founder, { orgId, name: 'Support' }),
          'departments.create',
        ) as {
          id: string
        }
        return { orgId, founder: founder.accountId, departmentId: department.id, otherDepartmentId: other.id }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}
