import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { systemActor } from '../domain/actor.js'
import { createTestRoster } from '@roster/test-support'
import { ACTORLESS_USE_CASES, parseActor } from './actor-guard.js'

const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 150)

/** Every `namespace.method` of a roster that takes an actor (events and context excluded). */
function actorTakingMethods(roster: object): Array<{ name: string; call: (actor: unknown) => unknown }> {
  const out: Array<{ name: string; call: (actor: unknown) => unknown }> = []
  for (const [namespace, methods] of Object.entries(roster)) {
    if (namespace === 'events' || namespace === 'context') continue
    for (const [method, fn] of Object.entries(methods as Record<string, unknown>)) {
      const name = `${namespace}.${method}`
      if (typeof fn !== 'function' || ACTORLESS_USE_CASES.includes(name)) continue
      out.push({ name, call: (actor) => (fn as (a: unknown, i: unknown) => unknown)(actor, {}) })
    }
  }
  return out
}

/** Values that are not actors: the shapes a host bug hands over. */
const malformedActor = fc.oneof(
  fc.constantFrom(null, undefined, 0, '', 'acc_1', true, [], {}, { accountId: '' }, { accountId: 42 }),
  fc.record({ accountId: fc.oneof(fc.integer(), fc.constant(null), fc.string({ minLength: 65 })) }),
  fc.constant({
    get accountId(): string {
      throw new TypeError('boom')
    },
  }),
  fc.constant(
    new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
      },
    ),
  ),
  fc.string(),
  fc.integer(),
)

describe('actor parsing at the roster boundary', () => {
  it('X4: every actor-taking use-case answers VALIDATION naming the actor for a malformed one, and stores nothing', async () => {
    const t = createTestRoster()
    const { org } = await t.orgWithFounder()
    const methods = actorTakingMethods(t.roster)
    expect(methods.length).toBeGreaterThan(60)
    const before = await t.stored(org.id)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), malformedActor, async (method, actor) => {
        const result = (await method.call(actor)) as { isErr(): boolean; error?: unknown }
        expect(result.isErr(), method.name).toBe(true)
        expect(result.error, method.name).toMatchObject({
          code: 'VALIDATION',
          details: { field: 'actor', issues: [{ path: 'actor' }] },
        })
      }),
      { numRuns: RUNS },
    )
    expect(await t.stored(org.id)).toEqual(before)
  })

  it('X4: each actorless use-case exists on the roster (the list does not rot)', () => {
    const { roster } = createTestRoster()
    for (const name of ACTORLESS_USE_CASES) {
      const [namespace, method] = name.split('.') as [string, string]
      expect(
        typeof (roster as unknown as Record<string, Record<string, unknown>>)[namespace]?.[method],
        name,
      ).toBe('function')
    }
  })

  it('X4: a getter that answers a different id on each read acts as the first id it gave', async () => {
    const t = createTestRoster()
    const { org, founder } = await t.orgWithFounder()
    const stranger = await t.activeAccount('stranger@example.com')
    let reads = 0
    const shifty = {
      get accountId() {
        reads++
        return reads === 1 ? stranger.accountId : founder.accountId
      },
    }
    const result = await t.roster.orgs.update(shifty, { orgId: org.id, name: 'Taken' })
    expect(reads).toBe(1)
    expect(result._unsafeUnwrapErr().code).not.toBe('STORAGE_FAILURE')
    expect((await t.roster.orgs.get(founder, { orgId: org.id }))._unsafeUnwrap().name).toBe('Acme')
  })

  it('X4: a well-formed person actor and the system actor pass unchanged in meaning', () => {
    expect(parseActor({ accountId: 'acc_1', extra: true })._unsafeUnwrap()).toEqual({ accountId: 'acc_1' })
    const system = parseActor(systemActor('job'))._unsafeUnwrap()
    expect(system).toEqual(systemActor('job'))
  })
})
