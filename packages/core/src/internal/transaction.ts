import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../context.js'
import type { AuditActor } from '../domain/actor.js'
import type { FieldChange } from '../domain/audit-event.js'
import type { OutboxMessage } from '../domain/mail-message.js'
import type { PendingEvent, RosterEvents, RosterEventType } from '../events.js'
import { deliverClaimed } from '../mail/deliver.js'
import type { MailRequest, QueuedMail } from '../mail/mail-request.js'
import { queueMail } from '../mail/queue-mail.js'
import { isRetryableStorageError, type StorageTx } from '../ports/storage.js'

/** What a use-case can do inside its transaction: storage, plus the audit, mail and events of the write path. */
export interface WriteScope {
  tx: StorageTx
  /** The time of this use-case, read once. */
  now: Date
  /** Who is acting, as the audit log and events record it. */
  actor: AuditActor
  /** Appends an audit event in this transaction (E1). */
  audit(event: {
    orgId: string | null
    action: string
    targetType: string
    targetId: string
    changes?: Record<string, FieldChange>
  }): Promise<void>
  /**
   * Records a mail in the outbox in this transaction (E3); delivered after commit. Its data is
   * typed by template (`MailTemplateData`); a link (`link`) or a temporary password
   * (`temporaryPassword`) is described, and the write path mints it (X1, A4).
   */
  mail(request: MailRequest): Promise<QueuedMail>
  /** Queues a domain event, emitted only if the transaction commits (E2). */
  emit<K extends RosterEventType>(type: K, payload: RosterEvents[K]): void
}

/** @internal */
export interface TransactionOptions {
  /**
   * `await` (default): the use-case returns once its mail is handed to the mailer.
   * `background`: it returns right after commit and delivery goes on — for public flows whose
   * answer must not take longer when an account exists (A9, A15: no enumeration by timing).
   */
  delivery?: 'await' | 'background'
}

/**
 * How long inline delivery holds the mail it queued before a dispatcher may claim it. Only the
 * time until each message is marked `sending` counts (its claim fences it after a lapse).
 */
const INLINE_LEASE_MS = 60_000

const inFlight = new WeakMap<RosterContext, Set<Promise<unknown>>>()

/**
 * @internal Tracks work that goes on after a use-case answered (a background delivery, a public
 * request's whole transaction, EN4), so `settleDeliveries` (`outbox.drain()`) waits for it too.
 */
export function trackInFlight(ctx: RosterContext, delivery: Promise<unknown>): void {
  let pending = inFlight.get(ctx)
  if (!pending) {
    pending = new Set()
    inFlight.set(ctx, pending)
  }
  // Never an unhandled rejection: a failed background delivery leaves the message queued.
  const settled = delivery.catch(() => undefined)
  pending.add(settled)
  void settled.finally(() => pending.delete(settled))
}

/** @internal Resolves once every background delivery started so far has settled (tests, shutdown). */
export async function settleDeliveries(ctx: RosterContext): Promise<void> {
  const pending = inFlight.get(ctx)
  while (pending && pending.size > 0) await Promise.all([...pending])
}

/**
 * Waits before the `attempt + 1`-th run of a transaction a concurrent change rejected: a random
 * delay in [0, base × 2^(attempt − 1)) ("full jitter", so racing callers do not collide again in
 * step), announced as `storage.retried` first.
 */
async function waitBeforeRetry(ctx: RosterContext, attempt: number, cause: Error): Promise<void> {
  const [high = 0, low = 0] = ctx.random.bytes(2)
  const delayMs = Math.floor(
    (((high << 8) | low) / 65_536) * ctx.transactionRetry.baseDelayMs * 2 ** (attempt - 1),
  )
  const reason = String((cause as { reason?: unknown }).reason ?? 'conflict')
  try {
    ctx.emitter.emit('storage.retried', { attempt, reason, delayMs })
  } catch {
    // A host handler that throws must not stop the retry.
  }
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
}

class Rollback<E> {
  constructor(readonly error: E) {}
}

/**
 * @internal The write path every changing use-case goes through: one storage transaction holding
 * the writes, the audit event and the outbox mail; after commit, inline delivery (unless
 * `dispatch: 'manual'`) and then the events. An `err` returned by `work` rolls everything back.
 * When storage rejects the transaction as retryable (a concurrent change, see
 * `StorageConflictError`), `work` runs again in a new transaction, up to
 * `ctx.transactionRetry.attempts` runs: keep all of its state inside it.
 */
export async function inTransaction<T, E>(
  ctx: RosterContext,
  actor: AuditActor,
  work: (scope: WriteScope) => Promise<Result<T, E>>,
  options: TransactionOptions = {},
): Promise<Result<T, E>> {
  const queuedMail: OutboxMessage[] = []
  const events: PendingEvent[] = []
  const now = ctx.clock.now()
  // Inline delivery claims its mail in the same transaction: dispatchers leave it alone for the
  // lease, and after a lapse the claim token fences it, so a slow send is never sent twice.
  let inlineClaim: string | null = null

  let value: T
  for (let attempt = 1; ; attempt++) {
    // A retried run starts from nothing: only the committed run's mail and events go out.
    queuedMail.length = 0
    events.length = 0
    try {
      value = await ctx.storage.transaction(async (tx) => {
        const scope: WriteScope = {
          tx,
          now,
          actor,
          audit: (event) => tx.audit.append({ id: ctx.ids(), actor, at: now, changes: {}, ...event }),
          mail: async (request) => {
            if (ctx.outbox.dispatch === 'inline' && inlineClaim === null) inlineClaim = ctx.ids()
            const inline =
              inlineClaim === null
                ? null
                : { claim: inlineClaim, leaseUntil: new Date(now.getTime() + INLINE_LEASE_MS) }
            const queued = await queueMail(ctx, tx, now, request, inline)
            queuedMail.push(queued.outgoing)
            return { expiresAt: queued.expiresAt }
          },
          emit: (type, payload) => {
            events.push({ type, payload } as PendingEvent)
          },
        }
        const result = await work(scope)
        if (result.isErr()) throw new Rollback(result.error)
        return result.value
      })
      break
    } catch (cause) {
      if (cause instanceof Rollback) return err(cause.error as E)
      if (!isRetryableStorageError(cause) || attempt >= ctx.transactionRetry.attempts) throw cause
      await waitBeforeRetry(ctx, attempt, cause)
    }
  }

  // After commit nothing may turn this success into a failure: delivery reports its own storage
  // failures (`mail.delivery-failed`) and leaves the mail to the outbox's retry; handlers are isolated.
  if (inlineClaim !== null && queuedMail.length > 0) {
    const delivery = deliverClaimed(ctx, queuedMail, inlineClaim).catch(() => undefined)
    if (options.delivery === 'background') trackInFlight(ctx, delivery)
    else await delivery
  }
  for (const event of events) {
    try {
      ctx.emitter.emit(event.type, event.payload as never)
    } catch {
      // A host handler that throws must not turn a committed change into a failure.
    }
  }
  return ok(value)
}
