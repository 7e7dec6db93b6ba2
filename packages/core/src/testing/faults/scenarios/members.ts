// Fault scenarios of members of an org and invitations.
import type { Run } from './helpers.js'
import type { FaultScenario } from './types.js'

export const memberScenarios: readonly FaultScenario[] = [
  {
    name: 'members.add',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.add(
        { accountId: v.founder! },
        { orgId: v.orgId!, email: 'new@example.test', firstName: 'New', lastName: 'Member' },
      ),
  },
  {
    name: 'members.add (existing account: invitation)',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      await h.activeAccount('ada@example.test')
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.add(
        { accountId: v.founder! },
        { orgId: v.orgId!, email: 'ada@example.test', firstName: 'Ada', lastName: 'Invited' },
      ),
  },
  {
    name: 'members.addMany',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.addMany(
        { accountId: v.founder! },
        { orgId: v.orgId!, rows: [{ email: 'row@example.test', firstName: 'Row', lastName: 'One' }] },
      ),
    // Each row is its own transaction: the one row's own result says whether it was added.
    applied: (result) =>
      result.isOk() &&
      (result.value as { results: Array<{ ok?: boolean; status?: string }> }).results.every(isRowAdded),
  },
  ...memberChange('members.update', async (roster, v) =>
    roster.members.update(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, title: 'Lead' },
    ),
  ),
  ...memberChange('members.disable', async (roster, v) =>
    roster.members.disable({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  ),
  {
    name: 'members.enable',
    setup: async (h, world) => {
      const { orgId, founder } = await h.org()
      const accountId = await h.member(orgId, 'max@example.test')
      h.unwrap(await world.roster.members.disable(founder, { orgId, accountId }), 'members.disable')
      return { orgId, founder: founder.accountId, accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.enable({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  },
  ...memberChange('members.remove', async (roster, v) =>
    roster.members.remove({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  ),
  ...memberChange('members.leave', async (roster, v) =>
    roster.members.leave({ accountId: v.accountId! }, { orgId: v.orgId! }),
  ),
  ...invitation('members.acceptInvitation', async (roster, v) =>
    roster.members.acceptInvitation({ accountId: v.accountId! }, { orgId: v.orgId! }),
  ),
  ...invitation('members.declineInvitation', async (roster, v) =>
    roster.members.declineInvitation({ accountId: v.accountId! }, { orgId: v.orgId! }),
  ),
]

function isRowAdded(row: { ok?: boolean; status?: string; error?: unknown }): boolean {
  return row.ok === true || row.status === 'added' || (row.error === undefined && row.ok !== false)
}

/** A use-case about one active member of the founder's org. */
function memberChange(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h) => {
        const { orgId, founder } = await h.org()
        return {
          orgId,
          founder: founder.accountId,
          accountId: await h.member(orgId, 'max@example.test'),
        }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

/** A use-case of a person invited to an org (an existing account added to it). */
function invitation(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, world) => {
        const { orgId, founder } = await h.org()
        const ada = await h.activeAccount('ada@example.test')
        h.unwrap(
          await world.roster.members.add(founder, {
            orgId,
            email: 'ada@example.test',
            firstName: 'Ada',
            lastName: 'Invited',
          }),
          'members.add',
        )
        return { orgId, accountId: ada.accountId }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}
