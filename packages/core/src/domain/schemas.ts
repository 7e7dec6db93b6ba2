import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import * as z from 'zod'
import { normalizeText, policedText, textPolicyIssue } from './text-policy.js'

/*
 * Field schemas shared by every use-case input. Exported so host apps reuse them in forms
 * (same messages on the client as on the server).
 */

/** An id as issued by Roster (opaque string). */
export const Id = policedText('key', { max: 64 })

/** An email address; compared after trim + NFC + lower-case (A2). */
export const Email = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(254, 'Too long')
  .pipe(z.email('Not a valid email address'))
  .transform((email) => email.normalize('NFC'))

/** A first or last name. */
export const PersonName = policedText('line', { max: 100 })

/**
 * A login handle: 3..64 characters, letters, digits and `._@+-`, NFC-normalized (compared
 * lower-cased, `usernameKey`). One containing `@` must also be the account's own email
 * ({@link usernameEmailIssue}): that needs the account, so each use-case checks it.
 */
export const Username = z
  .string()
  .transform((username) => normalizeText(username, 'key'))
  .pipe(
    z
      .string()
      .min(3, 'At least 3 characters')
      .max(64, 'Too long')
      .regex(/^[\p{L}\p{N}._@+-]+$/u, 'Letters, digits and . _ @ + - only')
      // Letters that render as nothing (the Hangul fillers) pass the regex; the policy refuses them.
      .refine((username) => textPolicyIssue(username, 'key') === null, 'Has nothing visible'),
  )

/** What `VALIDATION` says of a username that looks like an address other than the account's own. */
export const USERNAME_EMAIL_MESSAGE = 'A username with @ must be the account’s own email address'

/**
 * Why `username` may not be the username of an account with email `ownEmail`, or `null` (SP6): a
 * username containing `@` looks like an email address, so it must be the account's own (compared
 * as keys: trimmed, NFC, lower-case). Otherwise anyone could take someone else's address as a
 * login handle, and that person could later not be added (their email is their default username).
 * Every path that sets a username calls it: sign-up has none to set, `members.add`/`addMany`,
 * `members.update`, `accounts.updateProfile`; sync uses the email itself.
 *
 * @example
 * usernameEmailIssue('ada@example.com', 'Ada@Example.com') // null
 * usernameEmailIssue('bob@example.com', 'ada@example.com') // 'A username with @ must be …'
 * usernameEmailIssue('ada.l', 'ada@example.com') // null
 */
export function usernameEmailIssue(username: string, ownEmail: string): string | null {
  if (!username.includes('@')) return null
  const key = (value: string) => value.trim().normalize('NFC').toLowerCase()
  return key(username) === key(ownEmail) ? null : USERNAME_EMAIL_MESSAGE
}

/** A phone number in any international format, normalized to E.164 (`+14155550123`). */
export const Phone = z
  .string()
  .trim()
  .min(1, 'Required')
  .transform((value, context) => {
    const parsed = parsePhoneNumberFromString(value)
    if (!parsed?.isValid()) {
      context.addIssue({ code: 'custom', message: 'Not a valid international phone number (start with +)' })
      return z.NEVER
    }
    return parsed.number as string
  })

/** A BCP 47 language tag (`en`, `fr`, `fr-CA`). */
export const Language = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Not a language tag like en or fr-CA')

/** A password as typed; length bounds come from `policy.password` (default 12..128, no composition rules, A8). */
export const Password = z.string().min(1, 'Required').max(1024, 'Too long')

/** A single-use token from a mailed link. */
export const TokenSecret = z.string().trim().min(16, 'Not a valid link').max(256, 'Not a valid link')

/** An outside identity (A16): provider key and its subject. */
export const Identity = z.object({
  provider: policedText('key', { max: 100 }),
  subject: policedText('key', { max: 255 }),
})

/** An organization slug. */
export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'At least 2 characters')
  .max(60, 'Too long')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and dashes')

/** An org or department name. */
export const OrgName = policedText('line', { max: 200 })

/** A role assignment's scope (API.md `Grant`). */
export const GrantScope = z.union([
  z.literal('org'),
  z.object({ resourceId: Id }).strict(),
  z
    .object({
      resourceType: z
        .string()
        .trim()
        .min(1, 'Required')
        .max(50, 'Too long')
        .regex(/^[a-z][a-z0-9-]*$/, 'Lower-case letters, digits and dashes, like building'),
      all: z.literal(true),
    })
    .strict(),
])

/** A role assignment (API.md `Grant`). */
export const GrantInput = z.object({ roleId: Id, scope: GrantScope })

/** A page size: 1..200, default 50 (no silent caps: out of range is a `VALIDATION` error). */
export const PageLimit = z.number().int('Must be a whole number').min(1).max(200).default(50)

/** An opaque cursor from a previous page's `nextCursor`. */
export const Cursor = z.string().min(1).max(200)

/** A role name: 1..100 characters; unique per org ignoring case. */
export const RoleName = policedText('line', { max: 100 })

/** A permission `area:action` (lower-case kebab parts). Whether the deployment knows it is checked by the use-case. */
export const PermissionName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/, 'Not a permission like members:create')

/** A resource type: a lower-case word such as `building` (letters, digits, dashes). */
export const ResourceType = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(50, 'Too long')
  .regex(/^[a-z][a-z0-9-]*$/, 'Lower-case letters, digits and dashes, like building')

/** A resource's display name. */
export const ResourceName = policedText('line', { max: 200 })

/** A department name: 1..200 characters; unique per org ignoring case (D2). */
export const DepartmentName = policedText('line', { max: 200 })
