import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { loadMemberView } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { checkUsernameOfEmail } from '../../internal/username-rule.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { type AddMemberError, AddMemberRow, addMemberInTransaction, prepareCredential } from './add-member.js'

/** The most rows one `addMany` call takes; split bigger imports into several calls. */
export const ADD_MANY_MAX_ROWS = 1000

export const AddManyMembersInput = z.object({
  orgId: Id,
  /** Each row is validated on its own (a bad row is a per-row `VALIDATION`, not a failed call). */
  rows: z
    .array(z.custom<AddMemberRow>())
    .max(ADD_MANY_MAX_ROWS, `At most ${ADD_MANY_MAX_ROWS} rows per call; split the import`),
})
export type AddManyMembersInput = z.input<typeof AddManyMembersInput>

/** What happened to one row, by its position in `rows`. */
export type AddManyRowResult =
  | { index: number; ok: true; member: MemberView }
  | { index: number; ok: false; error: AddMemberError }

export interface AddManyMembersOutput {
  /** One result per input row, in input order. */
  results: AddManyRowResult[]
  added: number
  failed: number
}

/** Whole-call failures; a row's own failure is in its result instead. */
export type AddManyMembersError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Adds many people in one call — a CSV import, or a form's "save and add another" (A14). Each
 * row follows exactly the rules of `members.add` and runs in its own transaction, so a bad row
 * never undoes the others; the answer lists a result per row, in order. A row's `VALIDATION`
 * issues have paths relative to the row (`email`, `credential.password`). More than
 * `ADD_MANY_MAX_ROWS` rows is a `VALIDATION` error for the call; so is a missing permission
 * (`FORBIDDEN`, checked once up front and again per row).
 *
 * @example
 * const { results } = (await roster.members.addMany(admin, { orgId, rows: csvRows }))._unsafeUnwrap()
 * for (const row of results) if (!row.ok) report(row.index, row.error.code, row.error.details)
 */
export function addManyMembers(
  ctx: RosterContext,
  actor: Actor,
  input: AddManyMembersInput,
): ResultAsync<AddManyMembersOutput, AddManyMembersError> {
  return runUseCase(async () => {
    const parsed = parseInput(AddManyMembersInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, rows } = parsed.value
    // Fail fast for a caller who may not add anyone, rather than answering N identical row errors.
    const access = await authorize(ctx.storage, actor, orgId, 'members:create')
    if (access.isErr()) return err(access.error)

    const results: AddManyRowResult[] = []
    // Rows run one after another: in input order, and without piling transactions on the writer lock.
    for (const [index, raw] of rows.entries()) {
      const outcome = await addOneRow(ctx, actor, orgId, raw)
      results.push(
        outcome.isOk()
          ? { index, ok: true, member: outcome.value }
          : { index, ok: false, error: outcome.error },
      )
    }
    const added = results.filter((result) => result.ok).length
    return ok({ results, added, failed: results.length - added })
  })
}

/** One row, as `members.add` would run it; its own `runUseCase`, so a storage failure stays in its row. */
function addOneRow(
  ctx: RosterContext,
  actor: Actor,
  orgId: string,
  raw: unknown,
): ResultAsync<MemberView, AddMemberError> {
  return runUseCase<MemberView, AddMemberError>(async () => {
    const row = parseInput(AddMemberRow, raw)
    if (row.isErr()) return err(row.error)
    const username = checkUsernameOfEmail(row.value.username, row.value.email)
    if (username) return err(username)
    const credential = await prepareCredential(ctx, row.value)
    if (credential.isErr()) return err(credential.error)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'members:create')
      if (access.isErr()) return err(access.error)
      const added = await addMemberInTransaction(ctx, w, access.value, row.value, credential.value)
      if (added.isErr()) return err(added.error)
      return loadMemberView(ctx, w.tx, access.value, added.value.accountId)
    })
  })
}
