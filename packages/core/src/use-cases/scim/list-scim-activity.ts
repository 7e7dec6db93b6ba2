import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { scimActorReason } from '../../domain/scim.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { KeysetCursor, keysetPage, type Page } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { type AuditEventView, toAuditEventView } from '../audit/list-audit.js'
import { loadManagedScimConnection } from './connection-shared.js'

export const ListScimActivityInput = z.object({
  orgId: Id,
  connectionId: Id,
  cursor: KeysetCursor.optional(),
  /** 1..200, default 50. */
  limit: PageLimit,
})
export type ListScimActivityInput = z.input<typeof ListScimActivityInput>
export type ListScimActivityError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * A SCIM connection's recent activity (SC8; `connections:manage`), newest first: every change its
 * requests made — people added, updated, disabled, removed; groups and their members — as audit
 * events whose actor is the system with reason `scim:<connectionId>`.
 *
 * @example
 * const page = await roster.scim.activity(admin, { orgId, connectionId, limit: 20 })
 */
export function listScimActivity(
  ctx: RosterContext,
  actor: Actor,
  input: ListScimActivityInput,
): ResultAsync<Page<AuditEventView>, ListScimActivityError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListScimActivityInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, connectionId, cursor, limit } = parsed.value
    const loaded = await loadManagedScimConnection(ctx.storage, actor, orgId, connectionId)
    if (loaded.isErr()) return err(loaded.error)
    const events = await ctx.storage.audit.list({
      orgId,
      actorReason: scimActorReason(connectionId),
      ...(cursor !== undefined ? { beforeId: cursor } : {}),
      limit: limit + 1,
    })
    return ok(keysetPage(events, limit, (event) => event.id, toAuditEventView))
  })
}
