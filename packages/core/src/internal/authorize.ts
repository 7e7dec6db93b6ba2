import { err, ok, type Result } from 'neverthrow'
import { holds, permissionsAt, type ResourceRef } from '../domain/access.js'
import { type Actor, isSystemActor } from '../domain/actor.js'
import type { StoredGrant } from '../domain/grant.js'
import type { Membership } from '../domain/membership.js'
import type { Organization } from '../domain/organization.js'
import type { RoleDefinition } from '../domain/role.js'
import { type RosterError, rosterError } from '../errors.js'
import type { AccessLoadAlso, AccessSnapshotAlso, StorageRepositories } from '../ports/storage.js'

/** @internal What a use-case knows about the actor in one org after authorizing. */
export interface OrgAccess {
  org: Organization
  /** Null for the system actor. */
  accountId: string | null
  isSystem: boolean
  membership: Membership | null
  grants: StoredGrant[]
  customRoles: RoleDefinition[]
  /**
   * The answers to the `also` reads asked of `authorize`/`loadAccess`: every asked key is set
   * (from the access read when the adapter folded them in, else read on their own); `{}` when none.
   */
  also: AccessSnapshotAlso
  /** Does the actor hold `permission` at this scope (org-wide when `resource` is omitted)? */
  can(permission: string, resource?: ResourceRef): boolean
}

export type AuthorizeError = RosterError<'FORBIDDEN' | 'ORG_NOT_FOUND'>

/** @internal The answer for an org that does not exist — or that the actor is not a member of (X7). */
export function orgNotFound(orgId: string): RosterError<'ORG_NOT_FOUND'> {
  return rosterError('ORG_NOT_FOUND', { details: { orgId } })
}

/**
 * @internal Loads the actor's standing in an org (one storage read) without checking a permission.
 * `ORG_NOT_FOUND` when the org does not exist or the actor has no membership there (X7: another
 * org's id answers like one that does not exist); `FORBIDDEN` when the actor's account is not
 * active or its membership there is not (A12, X3). The system actor passes.
 */
export async function loadAccess(
  repos: StorageRepositories,
  actor: Actor,
  orgId: string,
  also?: AccessLoadAlso,
): Promise<Result<OrgAccess, AuthorizeError>> {
  if (isSystemActor(actor)) {
    const org = await repos.orgs.findById(orgId)
    if (!org) return err(orgNotFound(orgId))
    return ok({
      org,
      accountId: null,
      isSystem: true,
      membership: null,
      grants: [],
      customRoles: [],
      also: await answerAlso(repos, orgId, also, undefined),
      can: () => true,
    })
  }
  const snapshot = await repos.access.load(orgId, actor.accountId, also)
  // X7: an org the actor has no membership in answers exactly like an org that does not exist, so
  // its id tells nothing. A member who may not act there (invited, disabled) is told why.
  if (!snapshot.org || !snapshot.membership) return err(orgNotFound(orgId))
  if (snapshot.accountStatus !== 'active' || snapshot.membership.status !== 'active') {
    return err(rosterError('FORBIDDEN', { message: 'You are not an active member of this organization.' }))
  }
  const { grants, customRoles } = snapshot
  const cache = new Map<string, Set<string> | '*'>()
  return ok({
    org: snapshot.org,
    accountId: actor.accountId,
    isSystem: false,
    membership: snapshot.membership,
    grants,
    customRoles,
    also: await answerAlso(repos, orgId, also, snapshot.also),
    can(permission, resource) {
      const key = resource ? `${resource.type}\u0000${resource.id}` : ''
      let held = cache.get(key)
      if (!held) {
        held = permissionsAt(grants, customRoles, resource)
        cache.set(key, held)
      }
      return holds(held, permission)
    },
  })
}

/**
 * The `also` answers an adapter left out (it may ignore the question, and the system actor's path
 * reads no snapshot), each read on its own — the same reads a use-case made before they were folded.
 */
async function answerAlso(
  repos: StorageRepositories,
  orgId: string,
  also: AccessLoadAlso | undefined,
  given: AccessSnapshotAlso | undefined,
): Promise<AccessSnapshotAlso> {
  const answers: AccessSnapshotAlso = { ...given }
  if (also?.member) {
    const { accountId } = also.member
    if (answers.member === undefined) answers.member = await repos.memberships.find(orgId, accountId)
    if (answers.memberAccountStatus === undefined)
      answers.memberAccountStatus = (await repos.accounts.findById(accountId))?.status ?? null
  }
  if (also?.emailKey !== undefined) {
    if (answers.emailBlocked === undefined)
      answers.emailBlocked = await repos.blocklist.isBlocked(also.emailKey)
    if (answers.accountByEmail === undefined)
      answers.accountByEmail = await repos.accounts.findByEmail(also.emailKey)
  }
  return answers
}

/**
 * @internal The permission check every org use-case runs (O5, R1): loads the actor's access and
 * requires `permission` at the given scope. `also` asks for the reads the use-case makes next, so a
 * storage can answer them in the access check's own statement (`access.also`).
 */
export async function authorize(
  repos: StorageRepositories,
  actor: Actor,
  orgId: string,
  permission: string,
  resource?: ResourceRef,
  also?: AccessLoadAlso,
): Promise<Result<OrgAccess, AuthorizeError>> {
  const access = await loadAccess(repos, actor, orgId, also)
  if (access.isErr()) return access
  if (!access.value.can(permission, resource)) {
    return err(
      rosterError('FORBIDDEN', {
        message: `You need the ${permission} permission.`,
        details: { permission },
      }),
    )
  }
  return access
}

/**
 * @internal `authorize` for an entity found by its own id (a join request, a connection): when the
 * actor is not a member of the entity's org, the answer is `notFound` — exactly what an id that does
 * not exist gets (X7) — instead of `ORG_NOT_FOUND`, which would confirm the entity exists.
 */
export async function authorizeEntity<N extends RosterError>(
  repos: StorageRepositories,
  actor: Actor,
  orgId: string,
  permission: string,
  notFound: N,
  resource?: ResourceRef,
): Promise<Result<OrgAccess, RosterError<'FORBIDDEN'> | N>> {
  const access = await authorize(repos, actor, orgId, permission, resource)
  if (access.isOk()) return ok(access.value)
  return err(access.error.code === 'ORG_NOT_FOUND' ? notFound : (access.error as RosterError<'FORBIDDEN'>))
}
