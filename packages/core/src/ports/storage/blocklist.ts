export interface BlocklistEntry {
  emailKey: string
  kind: 'bounce' | 'complaint'
  createdAt: Date
}

export interface BlocklistRepository {
  isBlocked(emailKey: string): Promise<boolean>
  /**
   * The keys among `emailKeys` that are blocked (a sync batch in one read). MUST return each
   * blocked key once, in any order; keys not on the blocklist are skipped.
   */
  blockedAmong(emailKeys: readonly string[]): Promise<string[]>
  /** Adds or refreshes an entry. */
  add(entry: BlocklistEntry): Promise<void>
  remove(emailKey: string): Promise<boolean>
  /**
   * Entries ordered by emailKey ascending (code-unit order), strictly after `afterKey`, at most
   * `limit`.
   */
  list(query: { afterKey?: string; limit: number }): Promise<BlocklistEntry[]>
}
