import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { diffFields } from '../../domain/audit-event.js'
import { type OrgView, toOrgView } from '../../domain/organization.js'
import { Product } from '../../domain/license.js'
import { Email, Id, OrgName } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { OrgPatch } from '../../ports/storage.js'

/** Org settings to change; omitted keys keep their value. */
export const OrgSettingsPatch = z.object({
  joinRequests: z.boolean().optional(),
  requiredProducts: z
    .array(Product)
    .max(100, 'At most 100 products')
    .transform((products) => [...new Set(products)])
    .optional(),
})

export const UpdateOrgInput = z.object({
  orgId: Id,
  name: OrgName.optional(),
  /** Contact email, `null` to clear; may equal any account's email (O4). */
  email: Email.nullable().optional(),
  settings: OrgSettingsPatch.optional(),
})
export type UpdateOrgInput = z.input<typeof UpdateOrgInput>
export type UpdateOrgError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * Changes an org's name, contact email or settings (`org:update`, O5). `settings` is merged into
 * the current settings. Writes an audit event with the changed fields and emits `org.updated`
 * when something changed.
 *
 * @example
 * await roster.orgs.update(admin, { orgId, settings: { requiredProducts: ['one-office'] } })
 */
export function updateOrg(
  ctx: RosterContext,
  actor: Actor,
  input: UpdateOrgInput,
): ResultAsync<OrgView, UpdateOrgError> {
  return runUseCase(async () => {
    const parsed = parseInput(UpdateOrgInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, name, email, settings } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'org:update')
      if (access.isErr()) return err(access.error)
      const { org } = access.value
      const patch: OrgPatch = {}
      if (name !== undefined) patch.name = name
      if (email !== undefined) patch.email = email
      if (settings !== undefined) {
        patch.settings = {
          joinRequests: settings.joinRequests ?? org.settings.joinRequests,
          requiredProducts: settings.requiredProducts ?? org.settings.requiredProducts,
        }
      }
      const changes = diffFields<OrgPatch>(org, patch)
      if (Object.keys(changes).length === 0) return ok(toOrgView(org))
      const updated = await w.tx.orgs.update(orgId, { ...patch, updatedAt: w.now })
      // The slug is not in the patch, so `conflict` cannot happen; `not-found` means it was just deleted.
      if (updated.status !== 'updated') return err(rosterError('ORG_NOT_FOUND', { details: { orgId } }))
      await w.audit({ orgId, action: 'org.updated', targetType: 'org', targetId: orgId, changes })
      w.emit('org.updated', { orgId, fields: Object.keys(changes), actor: w.actor })
      return ok(toOrgView(updated.org))
    })
  })
}
