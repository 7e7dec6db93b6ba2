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
]

/** SCIM methods that change nothing. */
export const SCIM_READ_ONLY_METHODS: readonly string[] = ['scim.listConnections', 'scim.activity']
