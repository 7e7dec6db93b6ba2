import type { RosterContext } from '../../context.js'

/** `roster.credentials`: signing in and passwords (A15, X2). */
export function credentialsApi(_ctx: RosterContext) {
  return {}
}

export type CredentialsApi = ReturnType<typeof credentialsApi>
