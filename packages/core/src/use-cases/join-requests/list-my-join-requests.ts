import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor } from '../../domain/actor.js'
import type { JoinRequestStatus } from '../../domain/join-request.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListMyJoinRequestsInput = z
  .object({
    /** 1..100, default 50: a person asks a handful of orgs, not thousands. */
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 })
export type ListMyJoinRequestsInput = z.input<typeof ListMyJoinRequestsInput>
export type ListMyJoinRequestsError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'STORAGE_FAILURE'>

/** One of the signed-in person's own join requests, as the requester sees it. */
export interface MyJoinRequestView {
  id: string
  /** The org asked; `name` is null when the org was deleted since. */
  org: { id: string; name: string | null }
  status: JoinRequestStatus
  /** The requester's own note to the admins. */
  message: string | null
  /** The admins' reason, given with a denial. */
  reason: string | null
  createdAt: string
  decidedAt: string | null
}

/**
 * The signed-in person's own join requests to every org, newest first (J2, requester side): the
 * pending ones they may cancel and the decided ones with the outcome and a denial's reason — what
 * someone who is not a member yet needs to see instead of "you belong to no organization". Only the
 * actor's own requests are read; the org's name goes along (the requester named the org, so it tells
 * them nothing new), never who decided. One read for the requests, one per distinct org (≤ limit).
 *
 * @example
 * const mine = await roster.joinRequests.listMine({ accountId }, {})
 * const waiting = mine.map((list) => list.filter((r) => r.status === 'pending'))
 */
export function listMyJoinRequests(
  ctx: RosterContext,
  actor: Actor,
  input: ListMyJoinRequestsInput = {},
): ResultAsync<MyJoinRequestView[], ListMyJoinRequestsError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListMyJoinRequestsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    if (isSystemActor(actor)) {
      return err(rosterError('FORBIDDEN', { message: 'Only a person has join requests of their own.' }))
    }
    const requests = await ctx.storage.joinRequests.listForAccount(actor.accountId, parsed.value.limit)
    const names = new Map<string, string | null>()
    for (const orgId of new Set(requests.map((r) => r.orgId))) {
      names.set(orgId, (await ctx.storage.orgs.findById(orgId))?.name ?? null)
    }
    return ok(
      requests.map((request) => ({
        id: request.id,
        org: { id: request.orgId, name: names.get(request.orgId) ?? null },
        status: request.status,
        message: request.message,
        reason: request.reason,
        createdAt: request.createdAt.toISOString(),
        decidedAt: request.decidedAt?.toISOString() ?? null,
      })),
    )
  })
}
