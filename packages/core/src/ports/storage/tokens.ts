import type { Token, TokenKind } from '../../domain/token.js'

export interface TokensRepository {
  insert(token: Token): Promise<void>
  findByHash(hash: string): Promise<Token | null>
  /**
   * Marks an unused token used. MUST return true for exactly one of many concurrent calls (X1:
   * single use) and false when it was already used or revoked.
   */
  consume(id: string, now: Date): Promise<boolean>
  /** Marks every unused token of that kind of the account used; returns how many. */
  revokeFor(accountId: string, kind: TokenKind, now: Date): Promise<number>
}
