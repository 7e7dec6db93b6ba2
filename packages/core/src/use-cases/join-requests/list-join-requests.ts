import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type JoinRequestView, toJoinRequestView } from '../../domain/join-request.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { KeysetCursor, type Page, splitPage } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListJoinRequestsInput = z.object({
  orgId: Id,
  /** Only requests in this status (`pending` for the inbox); all when omitted. */
  status: z.enum(['pending', 'approved', 'denied', 'cancelled']).optional(),
  /** `nextCursor` of the previous page. */
  cursor: KeysetCursor.optional(),
  /** 1..200, default 50. */
  limit: PageLimit,
})
export type ListJoinRequestsInput = z.input<typeof ListJoinRequestsInput>
export type ListJoinRequestsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * A page of the org's join requests, oldest first, with who asked (`join-requests:decide`, J2).
 * Two reads per page: the requests, then their requesters' accounts.
 *
 * @example
 * const inbox = (await roster.joinRequests.list(admin, { orgId, status: 'pending' }))._unsafeUnwrap()
 */
export function listJoinRequests(
  ctx: RosterContext,
  actor: Actor,
  input: ListJoinRequestsInput,
): ResultAsync<Page<JoinRequestView>, ListJoinRequestsError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListJoinRequestsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, status, cursor, limit } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'join-requests:decide')
    if (access.isErr()) return err(access.error)
    const rows = await ctx.storage.joinRequests.list({ orgId, status, afterId: cursor, limit: limit + 1 })
    const page = splitPage(rows, limit, (row) => row.id)
    const accounts = new Map(
      (await ctx.storage.accounts.findByIds(page.rows.map((row) => row.accountId))).map((a) => [a.id, a]),
    )
    const items = page.rows.flatMap((request) => {
      const account = accounts.get(request.accountId)
      // A requester whose account was deleted since has nobody left to admit.
      return account ? [toJoinRequestView(request, account)] : []
    })
    return ok({ items, nextCursor: page.nextCursor })
  })
}
