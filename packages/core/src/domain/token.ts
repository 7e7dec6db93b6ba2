/** What a mailed single-use token is for. */
export type TokenKind = 'activation' | 'password-reset' | 'email-change'

/** A token as stored: only the SHA-256 hash of the secret (X1). */
export interface Token {
  id: string
  kind: TokenKind
  /** base64url SHA-256 of the secret that was mailed. */
  hash: string
  accountId: string
  /** For `email-change`: the new address, switched to when the link is used (A7). */
  email: string | null
  expiresAt: Date
  usedAt: Date | null
  createdAt: Date
}
