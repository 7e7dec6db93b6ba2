import type { OutboxMessage } from '../../domain/mail-message.js'

export interface OutboxRepository {
  /** Records a message. MUST be written in the caller's transaction. */
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
   * Claims up to `limit` pending messages due at `now` by pushing their `nextAttemptAt` to
   * `leaseUntil` and counting an attempt. MUST never hand the same message to two concurrent callers.
   * Due means `status === 'pending'` and `nextAttemptAt <= now`. A claimed message stays `pending`
   * (its other fields unchanged); it is returned as stored after the claim, in any order.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxMessage[]>
  /**
   * Marks a message sent at `at` and MUST drop its body in the same write, so an activation link or
   * a temporary password does not outlive its delivery: `text` and `html` become `''` and `data`
   * becomes `{}` (no `token`, `url` or `password` left). Its recipient, template, language, subject
   * and bookkeeping (`attempts`, dates) stay. An unknown id is ignored.
   */
  markSent(id: string, at: Date): Promise<void>
  /**
   * Records a failed attempt (`lastError`, `attempts`, `nextAttemptAt`, `status` as given): back to
   * `pending` at `nextAttemptAt`, or `dead`/`blocked`. An unknown id is ignored.
   */
  markFailed(
    id: string,
    update: { error: string; attempts: number; nextAttemptAt: Date; status: 'pending' | 'dead' | 'blocked' },
  ): Promise<void>
}
