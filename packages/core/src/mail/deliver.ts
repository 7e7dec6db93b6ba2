import type { RosterContext } from '../context.js'
import { emailKey } from '../domain/account.js'
import type { OutboxMessage } from '../domain/mail-message.js'
import { prepareForDelivery } from './mint-secret.js'

export interface DeliveryTally {
  sent: number
  failed: number
  retrying: number
}

/**
 * @internal Delivers messages this process has claimed (their `attempts` already counts this try).
 * Blocked addresses are skipped and marked; failures back off exponentially until
 * `ctx.outbox.maxAttempts`, then the message is dead. Never throws for a mailer failure.
 */
export async function deliverClaimed(
  ctx: RosterContext,
  messages: readonly OutboxMessage[],
): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, failed: 0, retrying: 0 }
  if (messages.length === 0) return tally
  // One blocklist read for the whole batch, not one per message.
  const blocked = new Set(
    await ctx.storage.blocklist.blockedAmong(messages.map((message) => emailKey(message.to))),
  )
  for (const message of messages) {
    const now = ctx.clock.now()
    if (blocked.has(emailKey(message.to))) {
      await ctx.storage.outbox.markFailed(message.id, {
        error: 'address is on the blocklist',
        attempts: message.attempts,
        nextAttemptAt: now,
        status: 'blocked',
      })
      tally.failed++
      continue
    }
    try {
      // The secret of a link or temporary password is minted here, never read from storage (X5).
      const prepared = await prepareForDelivery(ctx, message)
      if (prepared.status === 'void') {
        await ctx.storage.outbox.markFailed(message.id, {
          error: prepared.reason,
          attempts: message.attempts,
          nextAttemptAt: now,
          status: 'dead',
        })
        tally.failed++
        notifyDead(ctx, message, prepared.reason)
        continue
      }
      await ctx.mailer.send(prepared.message)
      await ctx.storage.outbox.markSent(message.id, ctx.clock.now())
      tally.sent++
    } catch (cause) {
      const error = cause instanceof Error ? cause.message : String(cause)
      const dead = message.attempts >= ctx.outbox.maxAttempts
      const delay = ctx.outbox.backoff * 2 ** Math.max(0, message.attempts - 1)
      await ctx.storage.outbox.markFailed(message.id, {
        error,
        attempts: message.attempts,
        nextAttemptAt: new Date(now.getTime() + delay),
        status: dead ? 'dead' : 'pending',
      })
      if (dead) {
        tally.failed++
        notifyDead(ctx, message, error)
      } else tally.retrying++
    }
  }
  return tally
}

/** Tells the host a message is dead (E3), after its state is stored; a throwing handler changes nothing. */
function notifyDead(ctx: RosterContext, message: OutboxMessage, error: string): void {
  try {
    ctx.emitter.emit('mail.dead-lettered', {
      messageId: message.id,
      orgId: message.orgId,
      to: message.to,
      template: message.template,
      attempts: message.attempts,
      error,
    })
  } catch {
    // A host handler that throws must not stop the dispatcher.
  }
}
