// One contract suite, run against the in-process roster (bindActor) and against the HTTP client
// talking to the handler, so the two can never drift apart.
import { describe, expect, it } from 'vitest'
import type { Actor } from '../domain/actor.js'
import { createTestRoster, PASSWORD } from '@roster/test-support'
import { bindActor } from './bind-actor.js'
import { createRosterClient } from './client.js'
import { createRosterHandler } from './handler.js'
import type { RosterClient } from './procedures.js'

type Setup = ReturnType<typeof createTestRoster>
type ClientFor = (setup: Setup, actor: Actor | null) => RosterClient<Setup['roster']>

const transports: Record<string, ClientFor> = {
  'in-process': (setup, actor) => bindActor(setup.roster, actor ?? { accountId: 'nobody' }),
  'http client → handler': (setup, actor) => {
    const handler = createRosterHandler(setup.roster, {
      basePath: '/api/roster',
      authenticate: (request) =>
        request.headers.get('x-test-actor') ? { accountId: request.headers.get('x-test-actor')! } : null,
    })
    return createRosterClient<Setup['roster']>({
      baseUrl: 'http://roster.test/api/roster',
      headers: actor && 'accountId' in actor ? { 'x-test-actor': actor.accountId } : {},
      fetch: async (input, init) => handler(new Request(input, init)),
    })
  },
}

for (const [transport, clientFor] of Object.entries(transports)) {
  describe(`use-case contract over ${transport}`, () => {
    it('signs up, activates and founds an org through the same calls', async () => {
      const setup = createTestRoster()
      const anonymous = clientFor(setup, null)
      const signedUp = await anonymous.accounts.signUp({
        email: 'fay@acme.test',
        firstName: 'Fay',
        lastName: 'Founder',
      })
      expect(signedUp._unsafeUnwrap()).toMatchObject({ email: 'fay@acme.test', status: 'pending_activation' })
      const activated = await anonymous.activation.activate({
        token: setup.tokenFor('fay@acme.test'),
        password: PASSWORD,
      })
      expect(activated._unsafeUnwrap().status).toBe('active')
      const fay = clientFor(setup, { accountId: signedUp._unsafeUnwrap().id })
      const org = (await fay.orgs.create({ name: 'Acme' }))._unsafeUnwrap()
      expect(org).toMatchObject({ name: 'Acme', slug: 'acme', founderId: signedUp._unsafeUnwrap().id })
      expect(typeof org.createdAt).toBe('string')
    })

    it('returns the same typed errors: VALIDATION with issues, ALREADY_MEMBER, FORBIDDEN', async () => {
      const setup = createTestRoster()
      const { org, founder } = await setup.orgWithFounder()
      const client = clientFor(setup, founder)
      const invalid = (
        await client.members.add({ orgId: org.id, email: 'nope', firstName: '', lastName: 'X' })
      )._unsafeUnwrapErr()
      expect(invalid.code).toBe('VALIDATION')
      expect((invalid.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
        'email',
        'firstName',
      ])
      const input = { orgId: org.id, email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace' }
      expect((await client.members.add(input))._unsafeUnwrap().membershipStatus).toBe('invited')
      expect((await client.members.add(input))._unsafeUnwrapErr().code).toBe('ALREADY_MEMBER')
      const stranger = clientFor(setup, await setup.activeAccount('stranger@else.test'))
      // X7: an org the actor is not in answers like one that does not exist.
      expect((await stranger.members.add({ ...input, email: 'x@acme.test' }))._unsafeUnwrapErr().code).toBe(
        'ORG_NOT_FOUND',
      )
    })
  })
}

describe('createRosterHandler', () => {
  const setup = () => {
    const s = createTestRoster()
    const handler = createRosterHandler(s.roster, {
      basePath: '/api/roster',
      authenticate: () => null,
      maxBodyBytes: 1000,
    })
    const post = (
      path: string,
      body: string,
      headers: Record<string, string> = { 'content-type': 'application/json' },
    ) => handler(new Request(`http://roster.test/api/roster/${path}`, { method: 'POST', body, headers }))
    return { ...s, handler, post }
  }

  it('answers 401 UNAUTHENTICATED for an actor use-case without a session', async () => {
    const response = await setup().post('members/add', '{}')
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('answers 404 for unknown and server-only use-cases', async () => {
    const { post } = setup()
    for (const path of [
      'members/nope',
      'credentials/verify',
      'context/storage',
      'events/on',
      'members/add/extra',
      'members/constructor',
    ]) {
      const response = await post(path, '{}')
      expect(response.status, path).toBe(404)
    }
  })

  it('refuses bodies over the limit (413), non-JSON bodies (415) and malformed JSON (400)', async () => {
    const { post } = setup()
    expect((await post('accounts/signUp', JSON.stringify({ email: 'x'.repeat(2000) }))).status).toBe(413)
    expect(
      (await post('accounts/signUp', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(415)
    expect((await post('accounts/signUp', '{nope')).status).toBe(400)
  })

  it('maps error codes to statuses and keeps the RosterError body', async () => {
    const { post } = setup()
    const response = await post(
      'activation/activate',
      JSON.stringify({ token: 'x'.repeat(43), password: PASSWORD }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ code: 'TOKEN_INVALID', message: expect.any(String) })
  })
})
