// Fault scenarios of custom roles and resources.
import { withOrg, type Run } from './helpers.js'
import type { FaultScenario } from './types.js'

export const roleScenarios: readonly FaultScenario[] = [
  ...withOrg('roles.define', async ({ roster }, v) =>
    roster.roles.define(
      { accountId: v.founder! },
      { orgId: v.orgId!, name: 'Door opener', permissions: ['buildings:open'] },
    ),
  ),
  ...withRole('roles.update', false, async (roster, v) =>
    roster.roles.update(
      { accountId: v.founder! },
      { orgId: v.orgId!, roleId: v.roleId!, name: 'Gatekeeper' },
    ),
  ),
  ...withRole('roles.delete', false, async (roster, v) =>
    roster.roles.delete({ accountId: v.founder! }, { orgId: v.orgId!, roleId: v.roleId! }),
  ),
  ...withRole('roles.assign', false, async (roster, v) =>
    roster.roles.assign(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, grants: [{ roleId: v.roleId!, scope: 'org' }] },
    ),
  ),
  ...withRole('roles.revoke', true, async (roster, v) =>
    roster.roles.revoke(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, roleId: v.roleId!, scope: 'org' },
    ),
  ),
  ...withRole('roles.set', true, async (roster, v) =>
    roster.roles.set(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, grants: [{ roleId: 'admin', scope: 'org' }] },
    ),
  ),
  ...withOrg('resources.create', async ({ roster }, v) =>
    roster.resources.create({ accountId: v.founder! }, { orgId: v.orgId!, type: 'building', name: 'HQ' }),
  ),
  {
    name: 'resources.delete',
    setup: async (h, { roster }) => {
      const { orgId, founder } = await h.org()
      const resource = h.unwrap(
        await roster.resources.create(founder, { orgId, type: 'building', name: 'HQ' }),
        'resources.create',
      )
      return { orgId, founder: founder.accountId, resourceId: resource.id }
    },
    run: async ({ roster }, v) =>
      roster.resources.delete({ accountId: v.founder! }, { orgId: v.orgId!, resourceId: v.resourceId! }),
  },
]

/** An org with a custom role and a member (granted it when `granted`). */
function withRole(name: string, granted: boolean, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        const role = h.unwrap(
          await roster.roles.define(founder, { orgId, name: 'Door opener', permissions: ['buildings:open'] }),
          'roles.define',
        ) as { id: string }
        const accountId = await h.member(orgId, 'max@example.test')
        if (granted)
          h.unwrap(
            await roster.roles.assign(founder, {
              orgId,
              accountId,
              grants: [{ roleId: role.id, scope: 'org' }],
            }),
            'roles.assign',
          )
        return { orgId, founder: founder.accountId, accountId, roleId: role.id }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}
