import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Product, seatChanges } from '../../domain/license.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { poolNotFound } from './shared.js'

export const UnassignLicenseInput = z.object({ orgId: Id, product: Product, accountId: Id })
export type UnassignLicenseInput = z.input<typeof UnassignLicenseInput>
export type UnassignLicenseError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Takes a member's seat of a product back into the pool, free at once (L4, `licenses:assign`).
 * Unassigning a seat the member does not hold changes nothing. Audited with the counts before
 * and after; emits `license.unassigned`. Returns the member's view.
 *
 * @example
 * await roster.licenses.unassign(admin, { orgId, product: 'one-office', accountId })
 */
export function unassignLicense(
  ctx: RosterContext,
  actor: Actor,
  input: UnassignLicenseInput,
): ResultAsync<MemberView, UnassignLicenseError> {
  return runUseCase(async () => {
    const parsed = parseInput(UnassignLicenseInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, product, accountId } = parsed.value
    return inTransaction<MemberView, UnassignLicenseError>(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'licenses:assign')
      if (access.isErr()) return err(access.error)
      if (!(await w.tx.memberships.find(orgId, accountId))) return err(memberNotFound(orgId, accountId))
      const released = await w.tx.licenses.releaseSeat({ orgId, product }, { kind: 'member', accountId })
      if (released.status === 'not-held') {
        if (!(await w.tx.licenses.findPool({ orgId, product }))) return err(poolNotFound(product))
      } else {
        const { seats, assigned } = released
        await w.audit({
          orgId,
          action: 'license.unassigned',
          targetType: 'account',
          targetId: accountId,
          changes: {
            product: { before: product },
            ...seatChanges({ seats, assigned: assigned + 1 }, { seats, assigned }),
          },
        })
        w.emit('license.unassigned', { orgId, product, accountId, actor: w.actor })
      }
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
