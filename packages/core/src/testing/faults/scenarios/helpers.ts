// Builders several areas' scenarios share.
import type { FaultWorld } from '../world.js'
import type { FaultScenario, ScenarioResult, ScenarioValues } from './types.js'

/** The system actor of the world (jobs and deliveries run as it). */
export const system = (world: FaultWorld) => world.system

/** A use-case called on the roster with the values its setup returned. */
export type Run = (roster: FaultWorld['roster'], values: ScenarioValues) => Promise<ScenarioResult>

/** A use-case on an org of its founder. */
export function withOrg(
  name: string,
  run: (world: FaultWorld, values: ScenarioValues) => Promise<ScenarioResult>,
): FaultScenario[] {
  return [
    {
      name,
      setup: async (h) => {
        const { orgId, founder } = await h.org()
        return { orgId, founder: founder.accountId }
      },
      run,
    },
  ]
}
