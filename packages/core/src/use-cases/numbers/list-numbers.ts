import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type PhoneNumberView, toPhoneNumberView } from '../../domain/phone-number.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { KeysetCursor, keysetPage, type Page } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { requireAny } from '../licenses/shared.js'

export const ListNumbersInput = z.object({
  orgId: Id,
  /** `available`: free to assign; `assigned`: held by a member. */
  status: z.enum(['available', 'assigned']).optional(),
  /** Only the numbers this member holds (their "Numbers" tab). */
  accountId: Id.optional(),
  /** `nextCursor` of the previous page. */
  cursor: KeysetCursor.optional(),
  /** 1..200, default 50. */
  limit: PageLimit,
})
export type ListNumbersInput = z.input<typeof ListNumbersInput>
export type ListNumbersError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * A page of the org's number pool, by number (`numbers:assign` or `numbers:manage`), optionally
 * only the `available` or `assigned` ones or one member's. Keyset paging: pass `nextCursor` back
 * as `cursor`.
 *
 * @example
 * const page = (await roster.numbers.list(admin, { orgId, status: 'available' }))._unsafeUnwrap()
 * page.items.map((n) => n.number) // ['+33612345678', …]
 */
export function listNumbers(
  ctx: RosterContext,
  actor: Actor,
  input: ListNumbersInput,
): ResultAsync<Page<PhoneNumberView>, ListNumbersError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListNumbersInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, status, accountId, cursor, limit } = parsed.value
    const access = await loadAccess(ctx.storage, actor, orgId)
    if (access.isErr()) return err(access.error)
    const allowed = requireAny(access.value, ['numbers:assign', 'numbers:manage'])
    if (allowed.isErr()) return err(allowed.error)
    // The cursor holds the last number's digits: E.164 is `+` and digits, and cursors are [A-Za-z0-9_-].
    const rows = await ctx.storage.numbers.page({
      orgId,
      status,
      accountId,
      afterNumber: cursor === undefined ? undefined : `+${cursor}`,
      limit: limit + 1,
    })
    return ok(keysetPage(rows, limit, (row) => row.number.slice(1), toPhoneNumberView))
  })
}
