// The runtime half of procedures.test-d.ts: the procedures the HTTP handler actually serves are
// exactly the methods of a client (`bindActor`, the same `RosterClient` type as
// `createRosterClient`), so a use-case the handler answers cannot be missing from the client, and
// the client offers nothing the handler would answer 404 to.
import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'
import { bindActor } from './bind-actor.js'
import { createRosterHandler } from './handler.js'
import { isPublic, isServerOnly, useCaseNamespaces } from './procedures.js'

function servedProcedures(roster: object): string[] {
  const source = roster as Record<string, Record<string, unknown>>
  return useCaseNamespaces(roster)
    .flatMap((namespace) =>
      Object.keys(source[namespace] ?? {})
        .filter((method) => typeof source[namespace]?.[method] === 'function')
        .map((method) => `${namespace}.${method}`),
    )
    .filter((name) => !isServerOnly(name))
    .sort()
}

describe('procedures', () => {
  it('the handler answers every procedure a client offers, and the client offers every one it answers', async () => {
    const { roster } = createTestRoster()
    const handler = createRosterHandler(roster, { authenticate: () => null })
    const served = servedProcedures(roster)
    expect(served.length).toBeGreaterThan(50)

    const client = bindActor(roster, { accountId: 'nobody' }) as unknown as Record<string, object>
    const offered = Object.entries(client)
      .flatMap(([namespace, methods]) => Object.keys(methods).map((method) => `${namespace}.${method}`))
      .sort()
    expect(offered).toEqual(served)

    for (const name of served) {
      const response = await handler(
        new Request(`http://roster.test/${name.replace('.', '/')}`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        }),
      )
      // Routed to the use-case: an actor one refuses the missing session, a public one the empty input.
      expect(response.status, name).toBe(isPublic(name) ? 400 : 401)
      expect(await response.json(), name).toMatchObject({
        code: isPublic(name) ? 'VALIDATION' : 'UNAUTHENTICATED',
      })
    }
  })
})
