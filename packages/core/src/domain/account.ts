/** Lifecycle of an account (one person's identity, global across organizations). */
export type AccountStatus = 'pending_activation' | 'active' | 'disabled'

/** An account as stored. Secrets (`passwordHash`) never leave the core. */
export interface Account {
  id: string
  username: string
  /** Lower-cased, NFC-normalized `username`; unique. */
  usernameKey: string
  email: string
  /** Trimmed, NFC-normalized, lower-cased `email`; unique (A2). */
  emailKey: string
  firstName: string
  lastName: string
  phone: string | null
  language: string
  status: AccountStatus
  mustChangePassword: boolean
  passwordHash: string | null
  identityProvider: string | null
  externalSubject: string | null
  failedSignIns: number
  lockedUntil: Date | null
  createdAt: Date
  updatedAt: Date
}

/** The public view of an account: no secrets, dates as ISO strings. */
export interface AccountView {
  id: string
  username: string
  email: string
  firstName: string
  lastName: string
  phone: string | null
  language: string
  status: AccountStatus
  mustChangePassword: boolean
  identity: { provider: string; subject: string } | null
  createdAt: string
  updatedAt: string
}

/** Normalizes an email for comparison (A2): trim, Unicode NFC, lower-case. */
export function emailKey(email: string): string {
  return email.trim().normalize('NFC').toLowerCase()
}

/** Normalizes a username for comparison: trim, NFC, lower-case. */
export function usernameKey(username: string): string {
  return username.trim().normalize('NFC').toLowerCase()
}

/** Projects an account to its public view. */
export function toAccountView(account: Account): AccountView {
  return {
    id: account.id,
    username: account.username,
    email: account.email,
    firstName: account.firstName,
    lastName: account.lastName,
    phone: account.phone,
    language: account.language,
    status: account.status,
    mustChangePassword: account.mustChangePassword,
    identity:
      account.identityProvider && account.externalSubject
        ? { provider: account.identityProvider, subject: account.externalSubject }
        : null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  }
}
