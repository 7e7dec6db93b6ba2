import type { RosterError } from '@roster/core'

/** `VALIDATION` issues by field path, for showing each message beside its input. */
export function issuesByField(error: RosterError | null | undefined): Record<string, string> {
  if (error?.code !== 'VALIDATION') return {}
  const out: Record<string, string> = {}
  for (const issue of error.details?.issues ?? []) out[issue.path] ??= issue.message
  return out
}

/** A sentence for an error that is not about one field. */
export function describeError(error: RosterError): string {
  switch (error.code) {
    case 'ALREADY_MEMBER':
      return 'This person is already on the staff list.'
    case 'EMAIL_BLOCKED':
      return 'Mail to this address bounced before. Check the address with them, then try again.'
    case 'EMAIL_TAKEN':
      return 'Another account already uses this email.'
    case 'FOUNDER_PROTECTED':
      return 'The founder cannot be removed, disabled or made a guest.'
    case 'FORBIDDEN':
      return error.message || 'You are not allowed to do this.'
    case 'NETWORK_ERROR':
      return 'The server could not be reached. Check your connection and try again.'
    default:
      return error.message
  }
}
