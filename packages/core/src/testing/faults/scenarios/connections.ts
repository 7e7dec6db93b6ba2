// Fault scenarios of directory and organization connections and their syncs.
import { system, withOrg } from './helpers.js'
import type { FaultWorld, SetupHelpers } from '../world.js'
import type { FaultScenario, ScenarioResult, ScenarioValues } from './types.js'

export const connectionScenarios: readonly FaultScenario[] = [
  ...withOrg('connections.connectSource', async ({ roster }, v) =>
    roster.connections.connectSource(
      { accountId: v.founder! },
      { orgId: v.orgId!, sourceKey: 'hr', intervalMinutes: 60 },
    ),
  ),
  {
    name: 'connections.sync',
    setup: connectionSetup,
    run: async ({ roster }, v) =>
      roster.connections.sync({ accountId: v.founder! }, { connectionId: v.connectionId! }),
    applied: syncCompleted,
    resumable: true,
  },
  {
    name: 'connections.runDue',
    setup: connectionSetup,
    run: async (world) => world.roster.connections.runDue(system(world)),
    applied: (result) =>
      result.isOk() &&
      (result.value as { reports?: unknown[] }).reports?.every((r) =>
        syncCompleted({ isOk: () => true, value: r } as never),
      ) !== false,
    resumable: true,
  },
  {
    name: 'connections.disconnect',
    setup: async (h, world) => {
      const values = await connectionSetup(h, world)
      h.unwrap(
        await world.roster.connections.sync(
          { accountId: values.founder! },
          { connectionId: values.connectionId! },
        ),
        'sync',
      )
      return values
    },
    run: async ({ roster }, v) =>
      roster.connections.disconnect(
        { accountId: v.founder! },
        { connectionId: v.connectionId!, members: 'remove' },
      ),
    resumable: true,
  },
  {
    name: 'connections.request',
    setup: twoOrgs,
    run: async ({ roster }, v) =>
      roster.connections.request(
        { accountId: v.guestFounder! },
        { guestOrgId: v.guestOrgId!, hostOrgId: v.hostOrgId! },
      ),
  },
  {
    name: 'connections.approve',
    setup: async (h, world) => {
      const values = await twoOrgs(h)
      const requested = h.unwrap(
        await world.roster.connections.request(
          { accountId: values.guestFounder! },
          { guestOrgId: values.guestOrgId!, hostOrgId: values.hostOrgId! },
        ),
        'connections.request',
      ) as { id: string }
      return { ...values, connectionId: requested.id }
    },
    run: async ({ roster }, v) =>
      roster.connections.approve({ accountId: v.hostFounder! }, { connectionId: v.connectionId! }),
  },
]

function syncCompleted(result: ScenarioResult): boolean {
  if (!result.isOk()) return false
  const report = result.value as { complete?: boolean; failure?: unknown; failureReason?: unknown }
  return report.complete !== false && !report.failure && !report.failureReason
}

async function connectionSetup(h: SetupHelpers, { roster }: FaultWorld): Promise<ScenarioValues> {
  const { orgId, founder } = await h.org()
  const connection = h.unwrap(
    await roster.connections.connectSource(founder, { orgId, sourceKey: 'hr', intervalMinutes: 1 }),
    'connectSource',
  ) as { id: string }
  return { orgId, founder: founder.accountId, connectionId: connection.id }
}

async function twoOrgs(h: SetupHelpers): Promise<ScenarioValues> {
  const host = await h.org('Host')
  const guest = await h.org('Guest')
  return {
    hostOrgId: host.orgId,
    hostFounder: host.founder.accountId,
    guestOrgId: guest.orgId,
    guestFounder: guest.founder.accountId,
  }
}
