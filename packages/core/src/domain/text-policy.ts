import * as z from 'zod'

/*
 * One string policy for every adapter (security guide, SP1–SP5). A value the memory adapter would
 * store and Postgres would refuse (NUL, an unpaired surrogate) must be a `VALIDATION` error at the
 * boundary on both; characters that only serve to deceive a reader (bidi overrides, invisible-only
 * names) are refused the same way, and compared keys are NFC so canonically equal text is one key.
 */

/**
 * How a text field is used, which decides what it may hold:
 * - `line`: a name or a short label shown to people (names, titles, org, role, department,
 *   resource names, a search box). One line: no control characters at all.
 * - `multiline`: someone's own words (a join request's message, a denial's reason). Tabs and line
 *   breaks are kept (CR LF and CR become LF); every other control is refused.
 * - `key`: an identifier matched exactly (ids, provider keys, subjects, product keys, audit
 *   filters). Nothing invisible at all: no direction marks, no zero-width characters.
 */
export type TextKind = 'line' | 'multiline' | 'key'

// C0 controls, DEL and C1 controls (U+0000–001F, U+007F–009F), NUL and NEL included.
const CONTROL = /\p{Cc}/u
const CONTROL_BUT_TAB_OR_LF = /(?![\t\n])\p{Cc}/u
// With the `u` flag a surrogate code point only matches when it is unpaired: not valid Unicode,
// and Postgres cannot store it (STORAGE_FAILURE) while the memory adapter would.
const UNPAIRED_SURROGATE = /\p{Cs}/u
// Embeddings, overrides and isolates reorder what a reader sees ("Trojan Source").
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u
// LRM, RLM and ALM are legitimate inside right-to-left prose, but never inside an identifier.
const DIRECTION_MARK = /[\u200E\u200F\u061C]/u
const LINE_OR_PARAGRAPH_SEPARATOR = /[\u2028\u2029]/u
// Zero-width characters, BOM, soft hyphen, fillers, variation selectors, tags…
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
// Something a reader sees: a letter, digit, punctuation or symbol that is not default-ignorable
// (the Hangul fillers are letters that render as nothing).
const VISIBLE = /(?!\p{Default_Ignorable_Code_Point})[\p{L}\p{N}\p{P}\p{S}]/u
// UAX #15's stream-safe limit: more than 30 combining marks in a row is no real text ("Zalgo").
const COMBINING_RUN = /\p{M}{31}/u

/** Messages of the policy's refusals, also what `VALIDATION` issues say. */
export const TEXT_POLICY_MESSAGES = {
  unpairedSurrogate: 'Not valid Unicode (an unpaired surrogate)',
  control: 'Contains a control character',
  lineBreak: 'Must be a single line',
  bidi: 'Contains a bidirectional control character',
  invisible: 'Contains an invisible character',
  nothingVisible: 'Has nothing visible',
  combining: 'Too many combining marks in a row',
} as const

/**
 * Why `value` breaks the string policy for a field of this kind, or `null` when it is fine. The
 * value is checked as given (trim and normalize it first, as {@link policedText} does). An empty
 * value passes: whether a field may be empty is its schema's `min`.
 *
 * @example
 * textPolicyIssue('Ada\u0000', 'line') // 'Contains a control character'
 * textPolicyIssue('\u200b', 'line') // 'Has nothing visible'
 * textPolicyIssue('Ada Lovelace', 'line') // null
 */
export function textPolicyIssue(value: string, kind: TextKind): string | null {
  if (UNPAIRED_SURROGATE.test(value)) return TEXT_POLICY_MESSAGES.unpairedSurrogate
  if ((kind === 'multiline' ? CONTROL_BUT_TAB_OR_LF : CONTROL).test(value)) {
    return kind === 'line' && /[\r\n]/.test(value)
      ? TEXT_POLICY_MESSAGES.lineBreak
      : TEXT_POLICY_MESSAGES.control
  }
  if (kind !== 'multiline' && LINE_OR_PARAGRAPH_SEPARATOR.test(value)) return TEXT_POLICY_MESSAGES.lineBreak
  if (BIDI_CONTROL.test(value)) return TEXT_POLICY_MESSAGES.bidi
  if (kind === 'key' && (DIRECTION_MARK.test(value) || DEFAULT_IGNORABLE.test(value)))
    return TEXT_POLICY_MESSAGES.invisible
  if (COMBINING_RUN.test(value)) return TEXT_POLICY_MESSAGES.combining
  if (value.length > 0 && !VISIBLE.test(value)) return TEXT_POLICY_MESSAGES.nothingVisible
  return null
}

/**
 * The stored form of a text: line breaks unified (multiline), trimmed, Unicode NFC — so two
 * canonically equal spellings (`é` and `e` + U+0301) are one value on every adapter.
 *
 * @example
 * normalizeText(' Cafe\u0301 ', 'line') // 'Café'
 */
export function normalizeText(value: string, kind: TextKind): string {
  const unified = kind === 'multiline' ? value.replace(/\r\n?/g, '\n') : value
  // Unpaired surrogates are left alone (normalize would keep them too); the policy refuses them.
  return unified.trim().normalize('NFC')
}

/**
 * A zod schema for a text field under the string policy: normalized ({@link normalizeText}), then
 * checked ({@link textPolicyIssue}), then its length (in UTF-16 units, after normalizing).
 * Refusals are ordinary `VALIDATION` issues at the field.
 *
 * @example
 * const Title = policedText('line', { min: 0, max: 200 })
 * Title.parse(' Night\u00a0shift ') // 'Night\u00a0shift'
 */
export function policedText(
  kind: TextKind,
  { min = 1, max, minMessage = 'Required' }: { min?: number; max: number; minMessage?: string },
) {
  return z
    .string()
    .transform((value, context) => {
      const normalized = normalizeText(value, kind)
      const issue = textPolicyIssue(normalized, kind)
      if (issue) {
        context.addIssue({ code: 'custom', message: issue })
        return z.NEVER
      }
      return normalized
    })
    .pipe(z.string().min(min, minMessage).max(max, 'Too long'))
}
