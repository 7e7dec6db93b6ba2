/**
 * Hashes and verifies passwords (X2). The default is scrypt from `node:crypto`; plug argon2 in
 * by implementing this port.
 */
export interface PasswordHasher {
  /** MUST return a self-describing string (algorithm + parameters + salt + hash). */
  hash(password: string): Promise<string>
  /** MUST compare in constant time; false for a hash it does not understand. */
  verify(password: string, hash: string): Promise<boolean>
}
