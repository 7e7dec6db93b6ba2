import { describe, expect, it } from 'vitest'
import { hashToken } from '../../internal/secrets.js'
import { setupScim } from './test-fixtures.js'

describe('scim connections and tokens', () => {
  it('SC1: creating a connection returns its token once; only the hash is stored', async () => {
    const { created, tables, org } = await setupScim()
    expect(created.secret.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/)
    expect(created.connection).toMatchObject({
      orgId: org.id,
      name: 'Okta',
      credential: 'activation-link',
      memberType: 'employee',
      deprovision: 'disable',
      managedFields: ['email', 'firstName', 'lastName'],
    })
    expect(created.connection.tokens).toEqual([
      expect.objectContaining({
        id: created.secret.tokenId,
        hint: created.secret.token.slice(-4),
        revokedAt: null,
      }),
    ])
    const dump = JSON.stringify(tables())
    expect(dump).not.toContain(created.secret.token)
    expect(dump).toContain(hashToken(created.secret.token))
  })

  it('SC1: authenticate records last use; rotate revokes the old token at once; revoke cuts off', async () => {
    const { roster, admin, org, created, clock } = await setupScim()
    const input = { orgId: org.id, connectionId: created.connection.connectionId }
    const [listed] = (await roster.scim.listConnections(admin, { orgId: org.id }))._unsafeUnwrap()
    expect(listed?.lastUsedAt).toBe(clock.now().toISOString())

    const rotated = (await roster.scim.rotateToken(admin, input))._unsafeUnwrap()
    expect((await roster.scim.authenticate({ token: created.secret.token }))._unsafeUnwrapErr().code).toBe(
      'UNAUTHENTICATED',
    )
    expect((await roster.scim.authenticate({ token: rotated.token }))._unsafeUnwrap()).toMatchObject({
      orgId: org.id,
      connectionId: created.connection.connectionId,
    })
    expect((await roster.scim.revokeTokens(admin, input))._unsafeUnwrap()).toEqual({ revoked: 1 })
    expect((await roster.scim.authenticate({ token: rotated.token })).isErr()).toBe(true)
  })

  it('SC1: unknown, malformed and empty tokens are UNAUTHENTICATED alike', async () => {
    const { roster } = await setupScim()
    for (const token of ['scim_nope', '', 'x'.repeat(600)])
      expect((await roster.scim.authenticate({ token }))._unsafeUnwrapErr().code).toBe('UNAUTHENTICATED')
  })

  it('SC1: a second connection of the same name is INVALID_STATE and stores nothing', async () => {
    const { roster, admin, org, tables } = await setupScim()
    const before = tables()
    const again = await roster.scim.createConnection(admin, { orgId: org.id, name: 'okta' })
    expect(again._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect(tables()).toEqual(before)
  })

  it('X4: sso without a provider is VALIDATION; O5: a plain member is FORBIDDEN; nothing stored', async () => {
    const { roster, admin, org, tables, member } = await setupScim()
    const before = tables()
    const bad = await roster.scim.createConnection(admin, { orgId: org.id, name: 'Entra', credential: 'sso' })
    expect(bad._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'ssoProvider' }] },
    })
    expect(tables()).toEqual(before)
    const plain = await member(org.id, 'plain@example.com')
    const forbidden = await roster.scim.createConnection(plain, { orgId: org.id, name: 'Entra' })
    expect(forbidden._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it("X7: another org's admin gets NOT_FOUND for the connection's activity and rotation", async () => {
    const { roster, org, created, orgWithFounder } = await setupScim()
    const other = await orgWithFounder('Globex')
    const input = { orgId: org.id, connectionId: created.connection.connectionId }
    expect((await roster.scim.rotateToken(other.founder, input))._unsafeUnwrapErr().code).toBe('NOT_FOUND')
    expect((await roster.scim.activity(other.founder, input))._unsafeUnwrapErr().code).toBe('NOT_FOUND')
  })
})
