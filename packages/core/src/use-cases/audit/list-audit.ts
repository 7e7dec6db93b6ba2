import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type Actor, type AuditActor, isSystemActor } from '../../domain/actor.js'
import type { AuditEvent, FieldChange } from '../../domain/audit-event.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { KeysetCursor, keysetPage, type Page } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

/** An instant: a `Date`, or an ISO-8601 string with a time zone (as it arrives over HTTP). */
const Instant = z.union([
  z.date(),
  z.iso.datetime({ offset: true, message: 'Not an ISO-8601 date-time' }).transform((iso) => new Date(iso)),
])

export const ListAuditInput = z
  .object({
    /** The org whose log to read; `null` (system actor only) reads account-level events of no org. */
    orgId: Id.nullable(),
    /** `area.verb`, e.g. `member.added`. */
    action: policedText('key', { max: 100 }).optional(),
    /** Events by this account. */
    actorId: Id.optional(),
    /** Events about this target (an account id, an org id, an email for blocklist events…). */
    targetId: policedText('key', { max: 254 }).optional(),
    /** From this instant, inclusive. */
    since: Instant.optional(),
    /** Up to this instant, exclusive. */
    until: Instant.optional(),
    /** `nextCursor` of the previous page. */
    cursor: KeysetCursor.optional(),
    /** 1..200, default 50. */
    limit: PageLimit,
  })
  .refine((input) => !input.since || !input.until || input.since < input.until, {
    message: 'Must be after since',
    path: ['until'],
  })
export type ListAuditInput = z.input<typeof ListAuditInput>
export type ListAuditError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/** An audit event as returned by `audit.list`: dates as ISO strings (E1). */
export interface AuditEventView {
  id: string
  orgId: string | null
  /** A person (`{ kind: 'account', id }`) or the system (`{ kind: 'system', reason }`). */
  actor: AuditActor
  /** `area.verb`, e.g. `member.added`. */
  action: string
  targetType: string
  targetId: string
  /** Changed fields; before/after values for non-secret fields, only the name for secret ones. */
  changes: Record<string, FieldChange>
  at: string
}

/** @internal */
export function toAuditEventView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    orgId: event.orgId,
    actor: event.actor,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    changes: event.changes,
    at: event.at.toISOString(),
  }
}

/**
 * A page of an org's audit log, newest first (E1), for actors holding `audit:read`. Filter by
 * action, actor, target and time; keyset paging: pass `nextCursor` back as `cursor`.
 *
 * @example
 * const page = await roster.audit.list(admin, { orgId, targetId: accountId, since: '2030-01-01T00:00:00Z' })
 * for (const event of page._unsafeUnwrap().items) console.log(event.at, event.action, Object.keys(event.changes))
 */
export function listAudit(
  ctx: RosterContext,
  actor: Actor,
  input: ListAuditInput,
): ResultAsync<Page<AuditEventView>, ListAuditError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListAuditInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, cursor, limit, ...filters } = parsed.value
    if (orgId === null) {
      if (!isSystemActor(actor))
        return err(rosterError('FORBIDDEN', { message: 'Only the system actor reads events of no org.' }))
    } else {
      const access = await authorize(ctx.storage, actor, orgId, 'audit:read')
      if (access.isErr()) return err(access.error)
    }
    // One extra row tells whether a next page exists, without a count.
    const rows = await ctx.storage.audit.list({ orgId, ...filters, beforeId: cursor, limit: limit + 1 })
    return ok(keysetPage(rows, limit, (row) => row.id, toAuditEventView))
  })
}
