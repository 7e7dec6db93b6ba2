import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import {
  DEFAULT_ORG_SETTINGS,
  type Organization,
  type OrgView,
  slugify,
  toOrgView,
} from '../../domain/organization.js'
import { Email, Id, OrgName, Slug } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const CreateOrgInput = z.object({
  name: OrgName,
  slug: Slug.optional(),
  /** Contact email; may equal any account's email (O4). */
  email: Email.optional(),
  /** Only for the system actor (bootstrap): the account that becomes founder. */
  founderId: Id.optional(),
})
export type CreateOrgInput = z.input<typeof CreateOrgInput>
export type CreateOrgError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'SLUG_TAKEN' | 'STORAGE_FAILURE'
>

/**
 * Creates an organization; its creator becomes the founder with the `owner` role and an active
 * employee membership (O1). The system actor creates on behalf of `founderId`. Without a slug,
 * one is derived from the name. Emits `org.created`.
 *
 * @example
 * const org = await roster.orgs.create({ accountId }, { name: 'Acme Property', email: 'office@acme.test' })
 */
export function createOrg(
  ctx: RosterContext,
  actor: Actor,
  input: CreateOrgInput,
): ResultAsync<OrgView, CreateOrgError> {
  return runUseCase(async () => {
    const parsed = parseInput(CreateOrgInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { name, email, founderId: requestedFounder } = parsed.value
    if (!isSystemActor(actor) && requestedFounder !== undefined && requestedFounder !== actor.accountId) {
      return err(
        rosterError('FORBIDDEN', { message: 'Only the system actor can create an org for someone else.' }),
      )
    }
    const founderId = isSystemActor(actor) ? requestedFounder : actor.accountId
    if (founderId === undefined) {
      return err(
        rosterError('VALIDATION', {
          message: 'Invalid input: founderId.',
          details: { issues: [{ path: 'founderId', message: 'The system actor must name the founder' }] },
        }),
      )
    }
    const slug = parsed.value.slug ?? slugify(name)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const founder = await w.tx.accounts.findById(founderId)
      if (!founder) return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId: founderId } }))
      if (founder.status !== 'active') {
        return err(rosterError('FORBIDDEN', { message: 'Only an active account can found an organization.' }))
      }
      const org: Organization = {
        id: ctx.ids(),
        name,
        slug,
        email: email ?? null,
        founderId,
        settings: { ...DEFAULT_ORG_SETTINGS },
        createdAt: w.now,
        updatedAt: w.now,
      }
      const inserted = await w.tx.orgs.insert(org)
      if (inserted.status === 'conflict') return err(rosterError('SLUG_TAKEN', { details: { slug } }))
      await w.tx.memberships.insert(
        {
          id: ctx.ids(),
          orgId: org.id,
          accountId: founderId,
          type: 'employee',
          status: 'active',
          departmentId: null,
          title: null,
          source: 'local',
          createdAt: w.now,
          updatedAt: w.now,
        },
        [{ orgId: org.id, accountId: founderId, roleId: 'owner', scopeKind: 'org', scopeValue: '' }],
      )
      await w.audit({
        orgId: org.id,
        action: 'org.created',
        targetType: 'org',
        targetId: org.id,
        changes: { name: { after: name }, slug: { after: slug }, founderId: { after: founderId } },
      })
      w.emit('org.created', { orgId: org.id, actor: w.actor })
      return ok(toOrgView(org))
    })
  })
}
