// Shared setup of the SCIM use-case tests (not part of the public API; not built). Each call builds
// a fresh roster and org, so no test shares state with another.
import { memoryStorageTables } from '@roster/test-support'
import { createTestRoster, type TestRosterOptions } from '@roster/test-support'
import type { CreateScimConnectionInput } from './create-scim-connection.js'

export async function setupScim(
  options: TestRosterOptions & { connection?: Partial<CreateScimConnectionInput>; orgName?: string } = {},
) {
  const t = createTestRoster(options)
  const { org, founder } = await t.orgWithFounder(options.orgName ?? 'Acme')
  const created = (
    await t.roster.scim.createConnection(founder, { orgId: org.id, name: 'Okta', ...options.connection })
  )._unsafeUnwrap()
  const principal = (await t.roster.scim.authenticate({ token: created.secret.token }))._unsafeUnwrap()
  const tables = () => memoryStorageTables(t.storage)
  return { ...t, org, admin: founder, created, principal, tables }
}

/** A SCIM user as an IdP describes Ada (numbered, so several fit in one org). */
export function ada(i = 1, overrides: Record<string, unknown> = {}) {
  return {
    userName: `ada${i}@example.com`,
    externalId: `ext-${i}`,
    email: `ada${i}@example.com`,
    firstName: 'Ada',
    lastName: `Lovelace${i}`,
    active: true,
    ...overrides,
  }
}
