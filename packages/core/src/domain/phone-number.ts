import {
  type CountryCode as LibCountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max'
import * as z from 'zod'
import { policedText } from './text-policy.js'

/** An ISO 3166-1 alpha-2 region libphonenumber knows (`FR`, `US`), for national formats (N1). */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => isSupportedCountry(code), 'Not a supported country code like FR or US')
  .transform((code) => code as LibCountryCode)

/** A region code as `numbers.import` accepts it. */
export type CountryCode = LibCountryCode

/** A phone number argument before parsing (assign, unassign, remove): any international format. */
export const PhoneNumberText = policedText('line', { max: 64 })

/**
 * One line of a `numbers.import` list before parsing. Lenient on purpose: a blank or garbled line
 * is reported back as `invalid` (partial success, N1), not a `VALIDATION` of the whole call.
 */
export const ImportedNumberText = z.string().max(200, 'Too long')

/** `available`: in the pool, held by nobody. `assigned`: held by one member, holding one seat (N2, N3). */
export type PhoneNumberStatus = 'available' | 'assigned'

/** A phone number of an org's pool as stored (N1). One row per (orgId, number). */
export interface PhoneNumber {
  orgId: string
  /** E.164, e.g. `+33612345678`. */
  number: string
  /** The membership's account holding it, or null while it is available (N3). */
  accountId: string | null
  importedAt: Date
  assignedAt: Date | null
}

/** A pool number as `numbers.list` shows it. */
export interface PhoneNumberView {
  number: string
  status: PhoneNumberStatus
  accountId: string | null
  importedAt: string
  assignedAt: string | null
}

export function toPhoneNumberView(row: PhoneNumber): PhoneNumberView {
  return {
    number: row.number,
    status: row.accountId === null ? 'available' : 'assigned',
    accountId: row.accountId,
    importedAt: row.importedAt.toISOString(),
    assignedAt: row.assignedAt?.toISOString() ?? null,
  }
}

/**
 * Parses and normalizes a phone number to E.164 with libphonenumber's full metadata (N1).
 * International formats (`+33 6 12 34 56 78`, `0033…`) parse as they are; national ones
 * (`06 12 34 56 78`) need `defaultCountry`. Returns null for anything that is not a valid,
 * dialable number — including numbers with an extension, which a pool line cannot have.
 *
 * @example
 * normalizePhoneNumber('06 12 34 56 78', 'FR') // '+33612345678'
 */
export function normalizePhoneNumber(input: string, defaultCountry?: CountryCode): string | null {
  const text = input.trim()
  if (text.length === 0 || text.length > 64) return null
  const parsed = defaultCountry
    ? parsePhoneNumberFromString(text, defaultCountry)
    : parsePhoneNumberFromString(text)
  if (!parsed?.isValid() || parsed.ext) return null
  return parsed.number as string
}

/** Why `numbers.import` refused one input (N1). */
export type ImportRejection = 'invalid' | 'duplicate-in-input' | 'already-in-pool'

/** What `numbers.import` did: partial success, every refused input with its reason (N1). */
export interface ImportNumbersReport {
  /** The E.164 numbers added to the pool, in input order. */
  imported: string[]
  rejected: Array<{ input: string; reason: ImportRejection; number?: string }>
}
