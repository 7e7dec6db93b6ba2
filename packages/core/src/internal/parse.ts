import { err, ok, type Result } from 'neverthrow'
import type * as z from 'zod'
import { type RosterError, rosterError, type ValidationIssue } from '../errors.js'

/** @internal Validates input at the boundary (X4): `VALIDATION` naming every bad field, or the parsed value. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, RosterError<'VALIDATION'>> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return ok(parsed.data)
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
  const fields = [...new Set(issues.map((issue) => issue.path || '(input)'))]
  return err(
    rosterError('VALIDATION', { message: `Invalid input: ${fields.join(', ')}.`, details: { issues } }),
  )
}
