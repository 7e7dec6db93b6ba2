import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import {
  CountryCode,
  type ImportNumbersReport,
  type ImportRejection,
  normalizePhoneNumber,
  type PhoneNumber,
  ImportedNumberText,
} from '../../domain/phone-number.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const ImportNumbersInput = z.object({
  orgId: Id,
  /** Numbers in any format: international (`+33 6 12 34 56 78`) or national with `defaultCountry`. */
  numbers: z
    .array(ImportedNumberText)
    .min(1, 'At least one number')
    .max(5000, 'At most 5000 numbers per call'),
  /** ISO region for national formats (`FR`: `06 12 34 56 78` → `+33612345678`). */
  defaultCountry: CountryCode.optional(),
})
export type ImportNumbersInput = z.input<typeof ImportNumbersInput>
export type ImportNumbersError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * Imports phone numbers into the org's pool as E.164, parsed and normalized by libphonenumber
 * (N1, `numbers:manage`). Partial success: every number that parses and is new is imported
 * (available); each other input is reported with its reason — `invalid`, `duplicate-in-input`
 * (the same number, in any format, earlier in the list) or `already-in-pool`. Audited with the
 * imported numbers; emits `number.imported` when something was imported.
 *
 * @example
 * const report = (
 *   await roster.numbers.import(admin, { orgId, numbers: ['06 12 34 56 78', '+1 415 555 2671'], defaultCountry: 'FR' })
 * )._unsafeUnwrap()
 * report.imported // ['+33612345678', '+14155552671']
 */
export function importNumbers(
  ctx: RosterContext,
  actor: Actor,
  input: ImportNumbersInput,
): ResultAsync<ImportNumbersReport, ImportNumbersError> {
  return runUseCase(async () => {
    const parsed = parseInput(ImportNumbersInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, numbers, defaultCountry } = parsed.value

    // Parse first (pure, no storage): each input is either a new E.164 number or rejected.
    const rejected: Array<{ index: number; input: string; reason: ImportRejection; number?: string }> = []
    const candidates: Array<{ index: number; input: string; number: string }> = []
    const seen = new Set<string>()
    numbers.forEach((text, index) => {
      const number = normalizePhoneNumber(text, defaultCountry)
      if (number === null) rejected.push({ index, input: text, reason: 'invalid' })
      else if (seen.has(number)) rejected.push({ index, input: text, reason: 'duplicate-in-input', number })
      else {
        seen.add(number)
        candidates.push({ index, input: text, number })
      }
    })

    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'numbers:manage')
      if (access.isErr()) return err(access.error)
      const rows: PhoneNumber[] = candidates.map(({ number }) => ({
        orgId,
        number,
        accountId: null,
        importedAt: w.now,
        assignedAt: null,
      }))
      const { existing } = await w.tx.numbers.insertMany(rows)
      const inPool = new Set(existing)
      const imported: string[] = []
      for (const candidate of candidates) {
        if (inPool.has(candidate.number)) rejected.push({ ...candidate, reason: 'already-in-pool' })
        else imported.push(candidate.number)
      }
      if (imported.length > 0) {
        await w.audit({
          orgId,
          action: 'number.imported',
          targetType: 'org',
          targetId: orgId,
          changes: { numbers: { after: imported } },
        })
        w.emit('number.imported', { orgId, numbers: imported, actor: w.actor })
      }
      return ok({
        imported,
        rejected: rejected
          .sort((a, b) => a.index - b.index)
          .map(({ input, reason, number }) => (number ? { input, reason, number } : { input, reason })),
      })
    })
  })
}
