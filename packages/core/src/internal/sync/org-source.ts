// Where a connection's people come from (S1): the registered `DirectorySource`, or for an org
// connection the guest org's own members, read page by page like any other source.
import type { RosterContext } from '../../context.js'
import type { Connection } from '../../domain/connection.js'
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import type { StorageRepositories } from '../../ports/storage.js'

/** The `DirectorySource`s registered in `createRoster({ directorySources })`, by key. */
export type DirectorySources = Readonly<Record<string, DirectorySource>>

/** Members of a guest org read per page by the internal source of an org connection. */
const ORG_SOURCE_PAGE = 500

/**
 * @internal The people of a connection's source. `null` when the deployment no longer registers
 * the connection's source key.
 */
export function sourceOf(
  ctx: RosterContext,
  sources: DirectorySources,
  connection: Connection,
): DirectorySource | null {
  if (connection.kind === 'organization') {
    const guestOrgId = connection.guestOrgId!
    return { list: () => orgMembers(ctx.storage, guestOrgId) }
  }
  const key = connection.sourceKey!
  return Object.hasOwn(sources, key) ? (sources[key] ?? null) : null
}

/**
 * An org connection's source (S1): the guest org's members — current and future, as each run reads
 * them — keyed by account id. Members the guest org itself got from a connection are left out, so
 * connections never chain. Only active members (of active accounts) are listed as active.
 */
async function* orgMembers(
  storage: StorageRepositories,
  guestOrgId: string,
): AsyncGenerator<DirectoryPerson> {
  let afterId: string | undefined
  for (;;) {
    const rows = await storage.memberships.page({
      orgId: guestOrgId,
      limit: ORG_SOURCE_PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    })
    for (const { membership, account } of rows) {
      if (membership.source !== 'local') continue
      yield {
        externalId: account.id,
        email: account.email,
        firstName: account.firstName,
        lastName: account.lastName,
        phone: account.phone,
        language: account.language,
        title: membership.title,
        active: membership.status === 'active' && account.status === 'active',
      }
    }
    const last = rows.at(-1)
    if (rows.length < ORG_SOURCE_PAGE || !last) return
    afterId = last.membership.id
  }
}
