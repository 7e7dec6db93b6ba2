/**
 * The in-memory database behind `memoryStorage()`: named tables of rows, copy-on-write
 * transactions and a single writer lock.
 *
 * Why this shape: every transaction takes the writer lock, so transactions are serializable —
 * the same guarantee a database gives for the uniqueness and claim rules, with no "best effort".
 * A transaction writes to private copies of the tables it touches (copied on first write);
 * commit swaps them in, rollback drops them. Reads outside a transaction see the last commit.
 */

/** A table: rows by primary key. Rows are frozen-by-contract; writers replace, never mutate. */
export type Table<Row> = Map<string, Row>

/** Read/write access to tables during one unit of work. */
export interface TableAccess {
  read<Row>(name: string): ReadonlyMap<string, Row>
  write<Row>(name: string): Table<Row>
}

export class MemoryDatabase {
  private committed = new Map<string, Table<unknown>>()
  private lock: Promise<void> = Promise.resolve()

  /** Access to the committed state; a write outside a transaction is refused (call `run`). */
  readonly snapshot: TableAccess = {
    read: <Row>(name: string) => this.table<Row>(name),
    write: () => {
      throw new Error('memoryStorage: writes must run inside a unit of work')
    },
  }

  /** Every committed row of every table, copied (tests: snapshots and scans). */
  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {}
    // Tables are created on first touch, a read included; an empty one is left out so that a read
    // does not look like a change to a test comparing dumps.
    for (const [name, table] of [...this.committed].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (table.size > 0) out[name] = [...table.values()].map((row) => copy(row))
    return out
  }

  private table<Row>(name: string): Table<Row> {
    let table = this.committed.get(name)
    if (!table) {
      table = new Map()
      this.committed.set(name, table)
    }
    return table as Table<Row>
  }

  /**
   * Runs `fn` as one serializable unit of work: it waits for the writer lock, writes to private
   * copies, and commits them only if `fn` resolves.
   */
  async run<T>(fn: (tables: TableAccess) => Promise<T>): Promise<T> {
    const previous = this.lock
    let release!: () => void
    this.lock = new Promise((resolve) => {
      release = resolve
    })
    await previous
    try {
      const drafts = new Map<string, Table<unknown>>()
      const access: TableAccess = {
        read: <Row>(name: string) => (drafts.get(name) ?? this.table(name)) as ReadonlyMap<string, Row>,
        write: <Row>(name: string) => {
          let draft = drafts.get(name)
          if (!draft) {
            draft = new Map(this.table(name))
            drafts.set(name, draft)
          }
          return draft as Table<Row>
        },
      }
      const result = await fn(access)
      for (const [name, draft] of drafts) this.committed.set(name, draft)
      return result
    } finally {
      release()
    }
  }
}

/** Deep-copies a row so no caller can change stored state through a reference. */
export function copy<T>(row: T): T {
  return structuredClone(row)
}

/**
 * The fields of a patch that are set: a field whose value is `undefined` is left unchanged, as in
 * SQL adapters (Kysely drops `undefined` values from an update).
 */
export function definedFields<P extends object>(patch: P): Partial<P> {
  const fields: Partial<P> = {}
  for (const [key, value] of Object.entries(patch))
    if (value !== undefined) fields[key as keyof P] = copy(value) as P[keyof P]
  return fields
}
