import { parsePhoneNumberFromString } from 'libphonenumber-js'

/** "+33612345678" → "+33 6 12 34 56 78"; what cannot be parsed is shown as given. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164
}

/** A date in the reader's language, e.g. "6 déc. 2026, 19:40". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso))
}

/** "member.added" → "Member added"; every part is kept ("scim.group.members-changed" → "Scim group members changed"). */
export function describeAction(action: string): string {
  const text = action.replace(/[.-]/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}
