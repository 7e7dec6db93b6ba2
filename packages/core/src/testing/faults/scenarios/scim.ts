// The SCIM use-cases under fault injection (SC1–SC5): each from a state where it succeeds. SCIM's
// IdP-side calls live under `scim.users`, so their scenarios are named `scim.users <verb>`.
import type { FaultScenario, ScenarioValues } from './types.js'
import type { FaultWorld, SetupHelpers } from '../world.js'

async function scimSetup(h: SetupHelpers, { roster }: FaultWorld): Promise<ScenarioValues> {
  const { orgId, founder } = await h.org()
  const created = h.unwrap(
    await roster.scim.createConnection(founder, { orgId, name: 'Okta' }),
    'scim.createConnection',
  ) as { connection: { connectionId: string }; secret: { token: string; tokenId: string } }
  return {
    orgId,
    founder: founder.accountId,
    connectionId: created.connection.connectionId,
    token: created.secret.token,
    tokenId: created.secret.tokenId,
  }
}

const principal = (v: ScenarioValues) => ({
  orgId: v.orgId!,
  connectionId: v.connectionId!,
  tokenId: v.tokenId!,
})
const ada = {
  userName: 'ada@example.test',
  email: 'ada@example.test',
  firstName: 'Ada',
  lastName: 'Lovelace',
  department: 'Research',
}

async function withUser(h: SetupHelpers, world: FaultWorld): Promise<ScenarioValues> {
  const values = await scimSetup(h, world)
  const user = h.unwrap(await world.roster.scim.users.provision(principal(values), ada), 'provision') as {
    id: string
  }
  return { ...values, userId: user.id }
}

/**
 * Two provisioned users, a custom role and a group of the first user mapped to it at every
 * resource (SC10): what every group write below starts from.
 */
async function withMappedGroup(h: SetupHelpers, world: FaultWorld): Promise<ScenarioValues> {
  const values = await scimSetup(h, world)
  const { roster } = world
  const [first, second] = [
    h.unwrap(await roster.scim.users.provision(principal(values), ada), 'provision') as { id: string },
    h.unwrap(
      await roster.scim.users.provision(principal(values), {
        ...ada,
        userName: 'grace@example.test',
        email: 'grace@example.test',
        firstName: 'Grace',
        lastName: 'Hopper',
      }),
      'provision',
    ) as { id: string },
  ]
  const role = h.unwrap(
    await roster.roles.define(
      { accountId: values.founder! },
      { orgId: values.orgId!, name: 'Caretaker', permissions: ['members:read'] },
    ),
    'roles.define',
  ) as { id: string }
  const group = h.unwrap(
    await roster.scim.groups.create(principal(values), { displayName: 'Engineering', members: [first.id] }),
    'scim.groups.create',
  ) as { id: string }
  h.unwrap(
    await roster.scim.mapGroup(
      { accountId: values.founder! },
      {
        orgId: values.orgId!,
        connectionId: values.connectionId!,
        groupId: group.id,
        mapping: { kind: 'role', roleId: role.id, resourceIds: 'every' },
      },
    ),
    'scim.mapGroup',
  )
  return { ...values, firstUser: first.id, secondUser: second.id, roleId: role.id, groupId: group.id }
}

export const scimScenarios: readonly FaultScenario[] = [
  {
    name: 'scim.createConnection',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.scim.createConnection({ accountId: v.founder! }, { orgId: v.orgId!, name: 'Okta' }),
  },
  {
    name: 'scim.rotateToken',
    setup: scimSetup,
    run: async ({ roster }, v) =>
      roster.scim.rotateToken({ accountId: v.founder! }, { orgId: v.orgId!, connectionId: v.connectionId! }),
  },
  {
    name: 'scim.revokeTokens',
    setup: scimSetup,
    run: async ({ roster }, v) =>
      roster.scim.revokeTokens({ accountId: v.founder! }, { orgId: v.orgId!, connectionId: v.connectionId! }),
  },
  {
    name: 'scim.authenticate',
    setup: scimSetup,
    run: async ({ roster }, v) => roster.scim.authenticate({ token: v.token! }),
  },
  {
    name: 'scim.users provision',
    setup: scimSetup,
    run: async ({ roster }, v) => roster.scim.users.provision(principal(v), ada),
  },
  {
    name: 'scim.users replace',
    setup: withUser,
    run: async ({ roster }, v) =>
      roster.scim.users.replace(principal(v), {
        ...ada,
        id: v.userId!,
        firstName: 'Augusta',
        email: 'augusta@example.test',
        active: false,
      }),
  },
  {
    name: 'scim.users deprovision',
    setup: withUser,
    run: async ({ roster }, v) => roster.scim.users.deprovision(principal(v), { id: v.userId! }),
  },
  {
    name: 'scim.groups create',
    setup: withUser,
    run: async ({ roster }, v) =>
      roster.scim.groups.create(principal(v), { displayName: 'Sales', members: [v.userId!] }),
  },
  {
    name: 'scim.mapGroup (unmapped: its members lose the role it gave, SC10)',
    setup: withMappedGroup,
    run: async ({ roster }, v) =>
      roster.scim.mapGroup(
        { accountId: v.founder! },
        { orgId: v.orgId!, connectionId: v.connectionId!, groupId: v.groupId!, mapping: null },
      ),
  },
  {
    name: 'scim.groups patch (a member joins a mapped group and gets its role)',
    setup: withMappedGroup,
    run: async ({ roster }, v) =>
      roster.scim.groups.patch(principal(v), { id: v.groupId!, addMembers: [v.secondUser!] }),
  },
  {
    name: 'scim.groups replace (a full push swaps the members)',
    setup: withMappedGroup,
    run: async ({ roster }, v) =>
      roster.scim.groups.replace(principal(v), {
        id: v.groupId!,
        displayName: 'Engineering',
        members: [v.secondUser!],
      }),
  },
  {
    name: 'scim.groups delete (its members lose what it gave)',
    setup: withMappedGroup,
    run: async ({ roster }, v) => roster.scim.groups.delete(principal(v), { id: v.groupId! }),
  },
]

/** SCIM methods that change nothing. */
export const SCIM_READ_ONLY_METHODS: readonly string[] = [
  'scim.listConnections',
  'scim.activity',
  'scim.listGroups',
]
