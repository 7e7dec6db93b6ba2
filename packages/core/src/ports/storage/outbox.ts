import type { OutboxMessage } from '../../domain/mail-message.js'
import type { SchedulerPartition } from '../../domain/partition.js'

/**
 * The outbox (E3). Delivery is *at most once* after the mailer may have accepted a message: a
 * delivery attempt is recorded (`markSending`) before the mailer is called, and a message left in
 * `sending` is never claimed again. Every write about an attempt is fenced by the `claim` token of
 * the claim that started it, so a dispatcher whose lease ran out (it was slow, or its clock is
 * behind) cannot send or record a message another caller has claimed since.
 */
export interface OutboxRepository {
  /**
   * Records a message. MUST be written in the caller's transaction. A message enqueued with a
   * `claim` (inline delivery right after commit) is claimed by it until `nextAttemptAt`, as if
   * `claimDue` had handed it out.
   */
  enqueue(message: OutboxMessage): Promise<void>
  findById(id: string): Promise<OutboxMessage | null>
  /**
   * Messages oldest (lowest id) first, at most `limit`, with id strictly greater than `afterId`
   * (a keyset page: the dev mailbox, tests, and the admins' view of dead letters).
   * With `status`, only messages in that state. With `orgId`, only that org's messages; `orgId: null`
   * selects the messages of no org (self sign-up, account-level mail); omitted, every org's.
   */
  list(query: {
    orgId?: string | null
    status?: OutboxMessage['status']
    limit: number
    afterId?: string
  }): Promise<OutboxMessage[]>
  /**
   * Claims up to `limit` pending messages due at `now` for the caller identified by `claim` (a
   * fresh token per call): pushes their `nextAttemptAt` to `leaseUntil`, counts an attempt and
   * sets their `claim` to the token. MUST never hand the same message to two concurrent callers.
   * Due means `status === 'pending'` and `nextAttemptAt <= now` — a message in `sending` is never
   * due. A claimed message stays `pending` (its other fields unchanged); it is returned as stored
   * after the claim, in any order.
   */
  claimDue(
    now: Date,
    limit: number,
    leaseUntil: Date,
    claim: string,
    /** Only the messages of orgs in this partition (no org counts as `''`, see `partitionOf`). */
    partition?: SchedulerPartition,
  ): Promise<OutboxMessage[]>
  /**
   * Records that the holder of `claim` is about to hand the message to the mailer: MUST, in one
   * atomic conditional write, move it from `pending` to `sending` only if its `claim` is still
   * `claim` (no other caller claimed it since), leaving every other field as it is, and resolve
   * `true`; otherwise change nothing and resolve `false` (the caller MUST NOT send it then).
   * An unknown id resolves `false`.
   */
  markSending(id: string, claim: string): Promise<boolean>
  /**
   * Marks a message sent at `at` and MUST drop its body in the same write, so an activation link or
   * a temporary password does not outlive its delivery: `text` and `html` become `''` and `data`
   * becomes `{}` (no `token`, `url` or `password` left). Its recipient, template, language, subject
   * and bookkeeping (`attempts`, dates) stay; `lastError` and `claim` become `null`.
   * MUST apply only while the message is `sending` under `claim` (atomically with that check);
   * resolves whether it applied. An unknown id resolves `false`.
   */
  markSent(id: string, at: Date, claim: string): Promise<boolean>
  /**
   * Records a failed attempt (`lastError`, `attempts`, `nextAttemptAt`, `status` as given; `claim`
   * becomes `null`): back to `pending` at `nextAttemptAt`, or `dead`/`blocked`. With `update.claim`
   * a string, MUST apply only while the message is still held under that claim (`pending` or
   * `sending`), atomically with that check; with `update.claim: null` (an admin's requeue) it
   * applies in any state. Resolves whether it applied. An unknown id resolves `false`.
   */
  markFailed(
    id: string,
    update: {
      error: string
      attempts: number
      nextAttemptAt: Date
      status: 'pending' | 'dead' | 'blocked'
      claim: string | null
    },
  ): Promise<boolean>
}
