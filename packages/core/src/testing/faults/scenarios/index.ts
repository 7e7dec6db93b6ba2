// Every write use-case of the roster, each from a state where it succeeds, one file per area. The
// harness runs each once cleanly, then again with each of its storage calls failing in turn.
import { accountScenarios } from './accounts.js'
import { activationScenarios } from './activation.js'
import { credentialScenarios } from './credentials.js'
import { orgScenarios } from './orgs.js'
import { memberScenarios } from './members.js'
import { mailScenarios } from './mail.js'
import { licenseScenarios } from './licenses.js'
import { numberScenarios } from './numbers.js'
import { roleScenarios } from './roles.js'
import { departmentScenarios } from './departments.js'
import { joinRequestScenarios } from './join-requests.js'
import { connectionScenarios } from './connections.js'
import { SCIM_READ_ONLY_METHODS, scimScenarios } from './scim.js'
import type { FaultScenario } from './types.js'

export { errorCode, type FaultScenario, type ScenarioResult, type ScenarioValues } from './types.js'

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  ...accountScenarios,
  ...activationScenarios,
  ...credentialScenarios,
  ...orgScenarios,
  ...memberScenarios,
  ...mailScenarios,
  ...licenseScenarios,
  ...numberScenarios,
  ...roleScenarios,
  ...departmentScenarios,
  ...joinRequestScenarios,
  ...connectionScenarios,
  ...scimScenarios,
]

/**
 * The roster methods that change nothing (reads, checks, and `outbox.drain`), so the harness
 * can tell when a new write use-case has no scenario.
 */
export const READ_ONLY_METHODS: readonly string[] = [
  'accounts.get',
  'accounts.findByIdentity',
  'orgs.get',
  'orgs.listMine',
  'members.get',
  'members.list',
  'audit.list',
  'mail.blocklist',
  'outbox.list',
  'outbox.drain',
  'licenses.summary',
  'numbers.list',
  'roles.list',
  'roles.can',
  'resources.list',
  'departments.list',
  'joinRequests.list',
  'joinRequests.listMine',
  'connections.list',
  ...SCIM_READ_ONLY_METHODS,
]
