import type { RosterContext } from '../context.js'
import { emailKey } from '../domain/account.js'
import type { OutboxMessage } from '../domain/mail-message.js'
import type { RosterEvents } from '../events.js'
import { type PreparedMail, prepareForDelivery } from './mint-secret.js'

export interface DeliveryTally {
  sent: number
  failed: number
  retrying: number
}

type DeliveryFailure = RosterEvents['mail.delivery-failed']

/**
 * @internal Delivers messages claimed under `claim` (their `attempts` already counts this try).
 *
 * Delivery is at most once: each message is marked `sending` (fenced by the claim) before the
 * mailer sees it, so neither a failed `markSent` nor another dispatcher whose lease ran out can
 * send it a second time. Blocked addresses are skipped and marked; mailer failures back off
 * exponentially until `ctx.outbox.maxAttempts`, then the message is dead.
 *
 * Never throws, whatever the mailer or storage do: it runs after a use-case committed, and nothing
 * after commit may turn that success into a failure. A storage failure here leaves the message for
 * the outbox's retry (or, once the mailer may have it, `sending`) and is announced as
 * `mail.delivery-failed`.
 */
export async function deliverClaimed(
  ctx: RosterContext,
  messages: readonly OutboxMessage[],
  claim: string,
): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, failed: 0, retrying: 0 }
  if (messages.length === 0) return tally
  let blocked: Set<string>
  try {
    // One blocklist read for the whole batch, not one per message.
    blocked = new Set(
      await ctx.storage.blocklist.blockedAmong(messages.map((message) => emailKey(message.to))),
    )
  } catch (cause) {
    // Nothing may go out unchecked (A11): the claims lapse and the outbox retries every message.
    for (const message of messages) reportFailure(ctx, message, 'blocklist', 'retry', cause)
    tally.retrying += messages.length
    return tally
  }
  for (const message of messages) {
    const outcome = await deliverOne(ctx, message, claim, blocked.has(emailKey(message.to)))
    if (outcome !== 'skipped') tally[outcome]++
  }
  return tally
}

async function deliverOne(
  ctx: RosterContext,
  message: OutboxMessage,
  claim: string,
  isBlocked: boolean,
): Promise<keyof DeliveryTally | 'skipped'> {
  const { outbox } = ctx.storage
  if (isBlocked) {
    try {
      const applied = await outbox.markFailed(message.id, {
        error: 'address is on the blocklist',
        attempts: message.attempts,
        nextAttemptAt: ctx.clock.now(),
        status: 'blocked',
        claim,
      })
      return applied ? 'failed' : 'skipped'
    } catch (cause) {
      // Still pending under our claim: the next claim checks the blocklist again.
      reportFailure(ctx, message, 'record', 'retry', cause)
      return 'retrying'
    }
  }

  // Record the attempt before the mailer can act on it: from here on, the message is never
  // claimed again, so whatever happens next it goes out at most once.
  let mine: boolean
  try {
    mine = await outbox.markSending(message.id, claim)
  } catch (cause) {
    reportFailure(ctx, message, 'claim', 'retry', cause)
    return 'retrying'
  }
  // Our lease ran out and another dispatcher claimed it: it is theirs to send.
  if (!mine) return 'skipped'

  // The secret of a link or temporary password is minted here, never read from storage (X5), and
  // only once the message is ours to send: a lapsed claimer minting would revoke the link another
  // dispatcher just sent. A failure to mint is a failed attempt, like a mailer failure.
  let prepared: PreparedMail
  try {
    prepared = await prepareForDelivery(ctx, message)
  } catch (cause) {
    return recordFailedAttempt(ctx, message, claim, cause)
  }
  if (prepared.status === 'void') {
    try {
      const applied = await outbox.markFailed(message.id, {
        error: prepared.reason,
        attempts: message.attempts,
        nextAttemptAt: ctx.clock.now(),
        status: 'dead',
        claim,
      })
      if (!applied) return 'skipped'
    } catch (cause) {
      reportFailure(ctx, message, 'record', 'unconfirmed', cause)
      return 'failed'
    }
    notifyDeadLetter(ctx, message, prepared.reason)
    return 'failed'
  }

  try {
    await ctx.mailer.send(prepared.message)
  } catch (cause) {
    // The mailer port rejects only when it did not accept the message: retry it later.
    return recordFailedAttempt(ctx, message, claim, cause)
  }

  try {
    await outbox.markSent(message.id, ctx.clock.now(), claim)
  } catch (cause) {
    // The mailer has it: leaving it `sending` is what keeps it from going out twice.
    reportFailure(ctx, message, 'record', 'unconfirmed', cause)
  }
  return 'sent'
}

/**
 * Records a failed attempt of a message `sending` under `claim`: back to `pending` after an
 * exponential backoff, or `dead` after the last one. If even that write fails it stays `sending`:
 * never resent automatically (`unconfirmed`).
 */
async function recordFailedAttempt(
  ctx: RosterContext,
  message: OutboxMessage,
  claim: string,
  cause: unknown,
): Promise<keyof DeliveryTally | 'skipped'> {
  const error = cause instanceof Error ? cause.message : String(cause)
  const dead = message.attempts >= ctx.outbox.maxAttempts
  const delay = ctx.outbox.backoff * 2 ** Math.max(0, message.attempts - 1)
  try {
    const applied = await ctx.storage.outbox.markFailed(message.id, {
      error,
      attempts: message.attempts,
      nextAttemptAt: new Date(ctx.clock.now().getTime() + delay),
      status: dead ? 'dead' : 'pending',
      claim,
    })
    if (!applied) return 'skipped'
  } catch (recordCause) {
    reportFailure(ctx, message, 'record', 'unconfirmed', recordCause)
    return 'failed'
  }
  if (!dead) return 'retrying'
  notifyDeadLetter(ctx, message, error)
  return 'failed'
}

function notifyDeadLetter(ctx: RosterContext, message: OutboxMessage, error: string): void {
  notify(ctx, 'mail.dead-lettered', {
    messageId: message.id,
    orgId: message.orgId,
    to: message.to,
    template: message.template,
    attempts: message.attempts,
    error,
  })
}

function reportFailure(
  ctx: RosterContext,
  message: OutboxMessage,
  stage: DeliveryFailure['stage'],
  outcome: DeliveryFailure['outcome'],
  cause: unknown,
): void {
  notify(ctx, 'mail.delivery-failed', {
    messageId: message.id,
    orgId: message.orgId,
    template: message.template,
    stage,
    outcome,
    error: cause instanceof Error ? cause.message : String(cause),
  })
}

/** Tells the host, after the state is stored; a throwing handler changes nothing. */
function notify<K extends 'mail.dead-lettered' | 'mail.delivery-failed'>(
  ctx: RosterContext,
  type: K,
  payload: RosterEvents[K],
): void {
  try {
    ctx.emitter.emit(type, payload)
  } catch {
    // A host handler that throws must not stop delivery.
  }
}
