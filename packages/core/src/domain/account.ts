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
  /**
   * When the current password stops working: set for a generated temporary password (A4,
   * `policy.temporaryPasswordTtl`), null otherwise.
   */
  passwordExpiresAt: Date | null
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

/** What a new account is made of; everything else starts blank (no failed sign-ins, no lock). */
export interface NewAccountFields {
  id: string
  email: string
  firstName: string
  lastName: string
  /** Defaults to the email (A6: the login handle is the address until changed). */
  username?: string | undefined
  phone?: string | null | undefined
  /** BCP 47; defaults to `en`. */
  language?: string | null | undefined
  identity?: { provider: string; subject: string } | null | undefined
  /** Defaults to `pending_activation` (A3). */
  status?: AccountStatus | undefined
  passwordHash?: string | null | undefined
  mustChangePassword?: boolean | undefined
  /** A temporary password's expiry (A4). */
  passwordExpiresAt?: Date | null | undefined
  now: Date
}

/**
 * The one way an account comes into being (sign-up, `members.add`, directory sync): derives the
 * comparison keys (A2) so no caller can store an email whose key disagrees with it.
 */
export function newAccount(fields: NewAccountFields): Account {
  const username = fields.username ?? fields.email
  return {
    id: fields.id,
    username,
    usernameKey: usernameKey(username),
    email: fields.email,
    emailKey: emailKey(fields.email),
    firstName: fields.firstName,
    lastName: fields.lastName,
    phone: fields.phone ?? null,
    language: fields.language ?? 'en',
    status: fields.status ?? 'pending_activation',
    mustChangePassword: fields.mustChangePassword ?? false,
    passwordHash: fields.passwordHash ?? null,
    identityProvider: fields.identity?.provider ?? null,
    externalSubject: fields.identity?.subject ?? null,
    failedSignIns: 0,
    lockedUntil: null,
    passwordExpiresAt: fields.passwordExpiresAt ?? null,
    createdAt: fields.now,
    updatedAt: fields.now,
  }
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
