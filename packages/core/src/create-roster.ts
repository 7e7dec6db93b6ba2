import type { RosterContext } from './context.js'
import { scryptPasswordHasher } from './defaults/scrypt-password-hasher.js'
import { createEmitter, createEventsApi, type RosterEventsApi } from './events.js'
import { type MailTemplates, mergeMailTemplates } from './mail/templates.js'
import { type PolicyInput, resolvePolicy } from './policy.js'
import { type Clock, systemClock } from './ports/clock.js'
import type { Mailer } from './ports/mailer.js'
import type { PasswordHasher } from './ports/password-hasher.js'
import { cryptoRandom, type Random } from './ports/random.js'
import type { Storage } from './ports/storage.js'
import type { DirectorySource } from './ports/directory-source.js'
import { BUILT_IN_PERMISSIONS } from './domain/permission.js'
import { PERMISSION_PATTERN } from './domain/permission.js'
import { guardActors } from './internal/actor-guard.js'
import { createIdGenerator } from './internal/secrets.js'
import { accountsApi } from './use-cases/accounts/index.js'
import { activationApi } from './use-cases/activation/index.js'
import { credentialsApi } from './use-cases/credentials/index.js'
import { membersApi } from './use-cases/members/index.js'
import { orgsApi } from './use-cases/orgs/index.js'
import { auditApi } from './use-cases/audit/index.js'
import { mailApi } from './use-cases/mail/index.js'
import { outboxApi } from './use-cases/outbox/index.js'
import { licensesApi } from './use-cases/licenses/index.js'
import { numbersApi } from './use-cases/numbers/index.js'
import { rolesApi } from './use-cases/roles/index.js'
import { resourcesApi } from './use-cases/resources/index.js'
import { departmentsApi } from './use-cases/departments/index.js'
import { joinRequestsApi } from './use-cases/join-requests/index.js'
import { connectionsApi } from './use-cases/connections/index.js'
import { scimApi } from './use-cases/scim/index.js'

/** Options of `createRoster`. `P` is the union of the host app's own permissions. */
export interface RosterOptions<P extends string = never> {
  storage: Storage
  mailer: Mailer
  clock?: Clock
  random?: Random
  passwordHasher?: PasswordHasher
  policy?: PolicyInput
  /** The host app's own permissions (`area:action`); typed, so a typo is a compile error. */
  permissions?: readonly P[]
  /** Absolute URL mailed links are built on. Default `http://localhost:3000`. */
  baseUrl?: string
  /** Paths of the host's pages that mailed links open. */
  links?: Partial<RosterContext['links']>
  /** Mail templates by language, merged over the built-in English and French ones (E3). */
  mail?: { templates?: MailTemplates }
  /**
   * `dispatch`: `inline` (default), a use-case delivers its mail after commit; `manual`, only
   * `outbox.dispatch()` delivers. `maxAttempts` (default 8) tries before a message is dead;
   * `backoff` (ms, default 30 000) waits before the second try, doubling after each failure (E3).
   */
  outbox?: { dispatch?: 'inline' | 'manual'; maxAttempts?: number; backoff?: number }
  /**
   * When storage rejects a use-case's transaction as retryable (a serialization failure or deadlock,
   * a constraint a concurrent write broke: `StorageConflictError`), the whole transaction runs
   * again, up to `attempts` runs in all (default 4; 1 turns retrying off), waiting a random delay
   * of up to `baseDelayMs × 2^(retry − 1)` before each retry (default 10 ms; full jitter, so racing
   * callers spread out). Each retry emits `storage.retried`; when the last run fails too the
   * use-case answers `CONFLICT`.
   */
  transactionRetry?: { attempts?: number; baseDelayMs?: number }
  /**
   * External directories orgs can connect to (S1), by key: `connections.connectSource(actor,
   * { orgId, sourceKey: 'hr' })` syncs the org from `directorySources.hr`.
   */
  directorySources?: Readonly<Record<string, DirectorySource>>
}

/** Checks the registered directory sources (a misconfiguration throws, like every option). */
function checkDirectorySources(
  sources: RosterOptions['directorySources'] = {},
): Record<string, DirectorySource> {
  const checked: Record<string, DirectorySource> = {}
  for (const [key, source] of Object.entries(sources)) {
    if (key.trim() === '' || key.length > 100)
      throw new Error(`Roster: directory source key "${key}" is not 1..100 characters`)
    if (typeof source?.list !== 'function')
      throw new Error(`Roster: directory source "${key}" has no list() (see DirectorySource)`)
    checked[key] = source
  }
  return checked
}

function buildContext<P extends string>(options: RosterOptions<P>): RosterContext {
  if (!options.storage)
    throw new Error('Roster: `storage` is required (memoryStorage() or postgresStorage(db))')
  if (!options.mailer) throw new Error('Roster: `mailer` is required (createMemoryMailer() in tests)')
  const permissions = [...(options.permissions ?? [])] as string[]
  for (const permission of permissions) {
    if (!PERMISSION_PATTERN.test(permission))
      throw new Error(`Roster: permission "${permission}" is not area:action`)
    if ((BUILT_IN_PERMISSIONS as readonly string[]).includes(permission))
      throw new Error(`Roster: permission "${permission}" is built in; do not list it`)
  }
  const { maxAttempts, backoff } = options.outbox ?? {}
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1))
    throw new Error('Roster: outbox.maxAttempts must be a whole number ≥ 1')
  if (backoff !== undefined && !(Number.isFinite(backoff) && backoff >= 0))
    throw new Error('Roster: outbox.backoff must be a number of milliseconds ≥ 0')
  const { attempts, baseDelayMs } = options.transactionRetry ?? {}
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1))
    throw new Error('Roster: transactionRetry.attempts must be a whole number ≥ 1')
  if (baseDelayMs !== undefined && !(Number.isFinite(baseDelayMs) && baseDelayMs >= 0))
    throw new Error('Roster: transactionRetry.baseDelayMs must be a number of milliseconds ≥ 0')
  const clock = options.clock ?? systemClock
  const random = options.random ?? cryptoRandom
  const baseUrl = options.baseUrl ?? 'http://localhost:3000'
  new URL(baseUrl) // throws on a malformed URL: a configuration error
  return {
    storage: options.storage,
    mailer: options.mailer,
    clock,
    random,
    ids: createIdGenerator(clock, random),
    passwords: options.passwordHasher ?? scryptPasswordHasher(),
    policy: resolvePolicy(options.policy),
    emitter: createEmitter(),
    baseUrl,
    links: {
      activation: '/activate',
      passwordReset: '/reset-password',
      emailConfirm: '/confirm-email',
      invitation: '/invitations',
      joinRequests: '/join-requests',
      ...options.links,
    },
    permissions,
    templates: mergeMailTemplates(options.mail?.templates),
    outbox: {
      dispatch: options.outbox?.dispatch ?? 'inline',
      maxAttempts: options.outbox?.maxAttempts ?? 8,
      backoff: options.outbox?.backoff ?? 30_000,
    },
    transactionRetry: { attempts: attempts ?? 4, baseDelayMs: baseDelayMs ?? 10 },
  }
}

/**
 * Creates a Roster: every use-case bound to your storage, mailer and policy, grouped in
 * namespaces (`roster.members.add(actor, input)`). Throws only for a misconfiguration.
 *
 * @example
 * import { createMemoryMailer, createRoster } from '@roster/core'
 * import { memoryStorage } from '@roster/adapter-memory'
 *
 * const roster = createRoster({ storage: memoryStorage(), mailer: createMemoryMailer() })
 * const org = await roster.orgs.create({ accountId: session.accountId }, { name: 'Acme' })
 */
export function createRoster<const P extends string = never>(options: RosterOptions<P>) {
  const ctx = buildContext(options)
  const directorySources = checkDirectorySources(options.directorySources)
  const events: RosterEventsApi = createEventsApi(ctx.emitter)
  // Every actor-taking use-case parses its actor here, once, before it runs (X4).
  const namespaces = guardActors({
    accounts: accountsApi(ctx),
    activation: activationApi(ctx),
    credentials: credentialsApi(ctx),
    orgs: orgsApi(ctx),
    members: membersApi(ctx),
    audit: auditApi(ctx),
    mail: mailApi(ctx),
    outbox: outboxApi(ctx),
    licenses: licensesApi(ctx),
    numbers: numbersApi(ctx),
    roles: rolesApi<P>(ctx),
    resources: resourcesApi(ctx),
    departments: departmentsApi(ctx),
    joinRequests: joinRequestsApi(ctx),
    connections: connectionsApi(ctx, directorySources),
    scim: scimApi(ctx),
  })
  return {
    ...namespaces,
    events,
    /** @internal The context, for adapters' tests and tools built on the core. */
    context: ctx,
  }
}

/** A Roster instance as returned by `createRoster`. */
export type Roster<P extends string = never> = ReturnType<typeof createRoster<P>>
