// Property-style test of the permission model (R1, R3, O5). For many seeded random worlds — custom
// roles, resources of two types, actors with random grants at random scopes — it checks that
// `roles.can()` equals the union of the granted permissions at that scope, computed here by an
// independent model, and that no use-case lets an actor act where `can()` (the model) says no, nor
// refuses where it says yes.
import { describe, expect, it } from 'vitest'
import type { Actor } from '../../domain/actor.js'
import type { GrantScope } from '../../domain/grant.js'
import { BUILT_IN_PERMISSIONS } from '../../domain/permission.js'
import { createTestRoster } from '@roster/test-support'

const WORLDS = 200
const HOST = 'buildings:open' as const
type Perm = (typeof BUILT_IN_PERMISSIONS)[number] | typeof HOST
const POOL: Perm[] = [...BUILT_IN_PERMISSIONS, HOST]
const TYPES = ['building', 'parking'] as const

/** mulberry32: a small seeded PRNG, so every failure is reproducible from its seed. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  }
}

// ---- The model: written from the rules, not from the implementation. ----

type ModelScope =
  | { kind: 'org' }
  | { kind: 'resource'; id: string; type: string }
  | { kind: 'type'; type: string }
interface ModelGrant {
  roleId: string
  scope: GrantScope
}
/** A role's permissions; `ALL` for owner (everything, also permissions added later). */
const ALL = Symbol('all')
type RolePerms = ReadonlySet<string> | typeof ALL

function applies(grant: ModelGrant, at: ModelScope): boolean {
  if (grant.scope === 'org') return true
  if ('resourceId' in grant.scope) return at.kind === 'resource' && at.id === grant.scope.resourceId
  return at.kind !== 'org' && at.type === grant.scope.resourceType
}

function heldAt(grants: readonly ModelGrant[], roles: Map<string, RolePerms>, at: ModelScope): RolePerms {
  const held = new Set<string>()
  for (const grant of grants) {
    if (!applies(grant, at)) continue
    const perms = roles.get(grant.roleId)!
    if (perms === ALL) return ALL
    for (const p of perms) held.add(p)
  }
  return held
}

const has = (held: RolePerms, permission: string) => held === ALL || held.has(permission)
const within = (role: RolePerms, held: RolePerms) =>
  held === ALL || (role !== ALL && [...role].every((p) => held.has(p)))

function scopeOf(grant: ModelGrant, resources: Map<string, string>): ModelScope {
  if (grant.scope === 'org') return { kind: 'org' }
  if ('resourceId' in grant.scope)
    return { kind: 'resource', id: grant.scope.resourceId, type: resources.get(grant.scope.resourceId)! }
  return { kind: 'type', type: grant.scope.resourceType }
}

async function world(seed: number, tally: Record<string, number>) {
  const rand = prng(seed)
  const t = createTestRoster()
  const { roster, system } = t
  const { org, founder } = await t.orgWithFounder('World')
  const orgId = org.id

  const roles = new Map<string, RolePerms>([
    ['owner', ALL],
    ['admin', new Set(BUILT_IN_PERMISSIONS.filter((p) => p !== 'org:delete'))],
    ['member', new Set(['members:read'])],
  ])
  for (let i = 0, n = 1 + rand.int(4); i < n; i++) {
    const permissions = [...new Set(Array.from({ length: 1 + rand.int(5) }, () => rand.pick(POOL)))]
    // Give the interesting permissions a fair chance.
    if (rand.chance(0.5)) permissions.push('roles:assign')
    const role = (
      await roster.roles.define(system, { orgId, name: `Role ${i}`, permissions: [...new Set(permissions)] })
    )._unsafeUnwrap()
    roles.set(role.id, new Set(role.permissions))
  }
  const resources = new Map<string, string>()
  for (let i = 0, n = 1 + rand.int(4); i < n; i++) {
    const type = rand.pick(TYPES)
    const r = (await roster.resources.create(system, { orgId, type, name: `R${i}` }))._unsafeUnwrap()
    resources.set(r.id, type)
  }
  const roleIds = [...roles.keys()]
  const resourceIds = [...resources.keys()]
  const randomGrant = (): ModelGrant => {
    const roleId = rand.chance(0.06) ? 'owner' : rand.chance(0.1) ? 'admin' : rand.pick(roleIds.slice(2))
    const r = rand.next()
    const scope: GrantScope =
      r < 0.3
        ? 'org'
        : r < 0.8
          ? { resourceId: rand.pick(resourceIds) }
          : { resourceType: rand.pick(TYPES), all: true }
    return { roleId, scope }
  }

  const actors: Array<{ actor: Actor; grants: ModelGrant[] }> = []
  for (let i = 0, n = 2 + rand.int(3); i < n; i++) {
    const grants = Array.from({ length: rand.int(5) }, randomGrant)
    const actor = await t.member(orgId, `a${i}@world.test`, grants)
    actors.push({ actor, grants })
  }
  actors.push({ actor: founder, grants: [{ roleId: 'owner', scope: 'org' }] })

  const scopes: Array<{ scope: ModelScope; resource?: string }> = [
    { scope: { kind: 'org' } },
    ...resourceIds.map((id) => ({
      scope: { kind: 'resource', id, type: resources.get(id)! } as ModelScope,
      resource: id,
    })),
  ]
  const checkCan = async () => {
    for (const { actor, grants } of actors) {
      for (const { scope, resource } of scopes) {
        const held = heldAt(grants, roles, scope)
        for (const permission of POOL) {
          const answer = (await roster.roles.can(actor, { orgId, permission, resource }))._unsafeUnwrap()
          if (answer !== has(held, permission)) {
            throw new Error(
              `seed ${seed}: can(${permission} at ${JSON.stringify(scope)}) = ${answer}; grants ${JSON.stringify(grants)}`,
            )
          }
          tally.can = (tally.can ?? 0) + 1
        }
      }
    }
  }
  await checkCan()

  /** An allowed action must succeed; a refused one must fail with one of `codes` and change nothing. */
  const expectOutcome = (
    label: string,
    allowed: boolean,
    result: { isOk(): boolean; _unsafeUnwrapErr(): { code: string } },
    codes: string[],
  ) => {
    if (allowed !== result.isOk()) {
      const got = result.isOk() ? 'ok' : result._unsafeUnwrapErr().code
      throw new Error(`seed ${seed}: ${label} expected ${allowed ? 'ok' : codes.join('|')}, got ${got}`)
    }
    if (!allowed) expect(codes).toContain(result._unsafeUnwrapErr().code)
    tally[`${label}:${allowed ? 'ok' : 'refused'}`] =
      (tally[`${label}:${allowed ? 'ok' : 'refused'}`] ?? 0) + 1
  }

  let n = 0
  for (const { actor, grants } of actors) {
    const orgHeld = heldAt(grants, roles, { kind: 'org' })
    n++
    expectOutcome(
      'members.add',
      has(orgHeld, 'members:create'),
      await roster.members.add(actor, { orgId, email: `new${n}@world.test`, firstName: 'N', lastName: 'N' }),
      ['FORBIDDEN'],
    )
    expectOutcome(
      'departments.create',
      has(orgHeld, 'departments:manage'),
      await roster.departments.create(actor, { orgId, name: `Dept ${n}` }),
      ['FORBIDDEN'],
    )
    const type = rand.pick(TYPES)
    const created = await roster.resources.create(actor, { orgId, type, name: `New ${n}` })
    expectOutcome(
      'resources.create',
      has(heldAt(grants, roles, { kind: 'type', type }), 'resources:manage'),
      created,
      ['FORBIDDEN'],
    )
    if (created.isOk()) {
      resources.set(created._unsafeUnwrap().id, type)
      resourceIds.push(created._unsafeUnwrap().id)
    }
    // roles.assign of 1..3 random grants to a random actor: all or nothing, each checked at its scope.
    const target = rand.pick(actors)
    const wanted = Array.from({ length: 1 + rand.int(3) }, randomGrant)
    const mayAll = wanted.every((grant) => {
      const held = heldAt(grants, roles, scopeOf(grant, resources))
      return has(held, 'roles:assign') && within(roles.get(grant.roleId)!, held)
    })
    const assigned = await roster.roles.assign(actor, {
      orgId,
      accountId: 'accountId' in target.actor ? target.actor.accountId : '',
      grants: wanted,
    })
    expectOutcome('roles.assign', mayAll, assigned, ['FORBIDDEN', 'ESCALATION'])
    if (assigned.isOk()) target.grants.push(...wanted)
  }
  // Grants given above (and resources created) are reflected at once.
  scopes.splice(
    1,
    scopes.length - 1,
    ...resourceIds.map((id) => ({
      scope: { kind: 'resource', id, type: resources.get(id)! } as ModelScope,
      resource: id,
    })),
  )
  await checkCan()

  // resources.delete is checked at the resource itself.
  const victim = rand.pick(resourceIds)
  const deleter = rand.pick(actors)
  expectOutcome(
    'resources.delete',
    has(
      heldAt(deleter.grants, roles, { kind: 'resource', id: victim, type: resources.get(victim)! }),
      'resources:manage',
    ),
    await roster.resources.delete(deleter.actor, { orgId, resourceId: victim }),
    ['FORBIDDEN'],
  )
}

describe('access property', () => {
  it(`R1/R3/O5: over ${WORLDS} seeded worlds, can() is the union of the grants at the scope and every use-case agrees`, async () => {
    const tally: Record<string, number> = {}
    for (let seed = 1; seed <= WORLDS; seed++) await world(seed, tally)
    // The worlds exercise both answers of every action, not just one.
    for (const action of ['members.add', 'departments.create', 'resources.create', 'roles.assign']) {
      expect(tally[`${action}:ok`] ?? 0, `${action} allowed`).toBeGreaterThan(20)
      expect(tally[`${action}:refused`] ?? 0, `${action} refused`).toBeGreaterThan(20)
    }
    expect(tally.can).toBeGreaterThan(10_000)
  }, 240_000)
})
