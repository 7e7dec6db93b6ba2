import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor } from '../../domain/actor.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { keysetPage, type Page } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import type { BlocklistEntry } from '../../ports/storage.js'
import {
  BlocklistCursor,
  type BlocklistEntryView,
  encodeBlocklistCursor,
  toBlocklistEntryView,
} from './blocklist-entry.js'

export const ListBlocklistInput = z.object({
  /**
   * Omitted: the whole platform's blocklist (system actor only). Given: only the addresses of that
   * org's members (needs `members:update` there).
   */
  orgId: Id.optional(),
  /** `nextCursor` of the previous page. */
  cursor: BlocklistCursor.optional(),
  /** 1..200, default 50. */
  limit: PageLimit,
})
export type ListBlocklistInput = z.input<typeof ListBlocklistInput>
export type ListBlocklistError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * Entries an org page reads past, at most, before it returns (possibly short, with a cursor to go
 * on): keeps one call's work bounded however large the platform's blocklist is.
 */
const ORG_SCAN_BUDGET = 1_000

/**
 * A page of the blocklist, ordered by address (A11). The system actor sees every entry; an org
 * admin passes `orgId` and sees the entries of that org's members only, since the blocklist is
 * platform-wide and other orgs' people are none of theirs (X3). An org page may hold fewer than
 * `limit` entries and still have a `nextCursor`: keep going until it is `null`.
 *
 * @example
 * const page = await roster.mail.blocklist(admin, { orgId })
 */
export function listBlocklist(
  ctx: RosterContext,
  actor: Actor,
  input: ListBlocklistInput = {},
): ResultAsync<Page<BlocklistEntryView>, ListBlocklistError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListBlocklistInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, cursor, limit } = parsed.value
    if (orgId === undefined) {
      if (!isSystemActor(actor)) {
        return err(
          rosterError('FORBIDDEN', {
            message: 'Only the system actor sees the whole blocklist; pass orgId to see your members’.',
          }),
        )
      }
      const rows = await ctx.storage.blocklist.list({ afterKey: cursor, limit: limit + 1 })
      // A blocklist cursor holds the last address, encoded as keyset cursors are.
      return ok(keysetPage(rows, limit, (row) => row.emailKey, toBlocklistEntryView))
    }

    const access = await authorize(ctx.storage, actor, orgId, 'members:update')
    if (access.isErr()) return err(access.error)
    const items: BlocklistEntry[] = []
    let afterKey = cursor
    let scanned = 0
    while (items.length < limit && scanned < ORG_SCAN_BUDGET) {
      const batch = await ctx.storage.blocklist.list({ afterKey, limit: Math.min(limit, 200) })
      for (const entry of batch) {
        scanned++
        afterKey = entry.emailKey
        const account = await ctx.storage.accounts.findByEmail(entry.emailKey)
        if (account && (await ctx.storage.memberships.find(orgId, account.id))) items.push(entry)
        if (items.length === limit) break
      }
      if (batch.length < Math.min(limit, 200) && items.length < limit) {
        // Reached the end of the blocklist.
        return ok({ items: items.map(toBlocklistEntryView), nextCursor: null })
      }
    }
    const more = await ctx.storage.blocklist.list({ afterKey, limit: 1 })
    return ok({
      items: items.map(toBlocklistEntryView),
      nextCursor: more.length > 0 && afterKey !== undefined ? encodeBlocklistCursor(afterKey) : null,
    })
  })
}
