import type { RosterError } from '@roster/core'
import type { WidgetsContext, WidgetStringKey } from './i18n/provider.js'

interface Issue {
  path: string
  message: string
}

/** `VALIDATION` issues by field path, for showing each message beside its input. */
export function issuesByField(
  error: RosterError | null | undefined,
  t?: WidgetsContext['t'],
): Record<string, string> {
  if (error?.code !== 'VALIDATION') return {}
  const issues = ((error.details as { issues?: Issue[] } | undefined)?.issues ?? []) as Issue[]
  const out: Record<string, string> = {}
  for (const issue of issues) out[issue.path] ??= t ? describeIssue(issue, t) : issue.message
  return out
}

/**
 * A sentence for one field issue: the server's zod messages ("Invalid input: email") are for
 * developers; people read the localized sentence for the field's kind.
 */
function describeIssue(issue: Issue, t: WidgetsContext['t']): string {
  const m = issue.message.toLowerCase()
  if (m.includes('required') || m.includes('empty') || m.includes('expected string, received undefined'))
    return t('issue.required')
  if (m.includes('already has this name')) return t('issue.nameTaken')
  if (issue.path.endsWith('email')) return t('issue.email')
  if (issue.path.endsWith('phone') || issue.path.startsWith('numbers')) return t('issue.phone')
  if (m.includes('too long') || m.includes('too big')) return t('issue.tooLong')
  if (m.includes('too short') || m.includes('too small')) return t('issue.tooShort')
  return issue.message
}

/** A sentence, in the widgets' language, for an error that is not about one field. */
export function describeError(
  error: RosterError,
  t: WidgetsContext['t'],
  productName?: (slug: string) => string,
): string {
  const key = `error.${error.code}` as WidgetStringKey
  const details = (error.details ?? {}) as Record<string, unknown>
  const product =
    typeof details.product === 'string' ? (productName?.(details.product) ?? details.product) : ''
  const text = t(key, { product })
  if (text !== key) {
    // FORBIDDEN carries the server's own reason ("only the person can change a shared account").
    if (error.code === 'FORBIDDEN' && error.message && !/^forbidden$/i.test(error.message))
      return error.message
    return text
  }
  return error.message
}

/** True when the failure is the server saying "not for you" (hide the data, explain why). */
export function isForbidden(error: RosterError | null | undefined): boolean {
  return error?.code === 'FORBIDDEN'
}
