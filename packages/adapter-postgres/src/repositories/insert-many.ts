/**
 * @internal Inserts rows in as few multi-row statements as their unique keys allow, with the
 * outcomes `insert` would give one row after the other. A round never holds two rows sharing a
 * key: a row sharing one with an earlier row of the call waits for a later round (as does every
 * row after it sharing a key with a waiting row), so it meets the earlier row's outcome in the
 * database. In a sync batch every key is distinct, so that is one round.
 *
 * `insertRound` inserts one round (`ON CONFLICT DO NOTHING`) and returns, per row in order, its
 * outcome, or null when it collided with a row that is gone again (deleted meanwhile): that row is
 * tried again, at most three times in all.
 *
 * `keysOf` names a row's unique keys; keys of different indexes must not compare equal (prefix
 * them with the index).
 */
export async function insertInRounds<Row, Outcome>(
  rows: readonly Row[],
  keysOf: (row: Row) => readonly (string | null)[],
  insertRound: (round: readonly Row[]) => Promise<Array<Outcome | null>>,
  what: string,
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome | undefined>(rows.length)
  const attempts = new Array<number>(rows.length).fill(0)
  let waiting = rows.map((_, index) => index)
  while (waiting.length > 0) {
    const round: number[] = []
    const later: number[] = []
    const held = new Set<string>()
    for (const index of waiting) {
      const keys = keysOf(rows[index]!).filter((key): key is string => key !== null)
      if (keys.some((key) => held.has(key))) later.push(index)
      else round.push(index)
      for (const key of keys) held.add(key)
    }
    const results = await insertRound(round.map((index) => rows[index]!))
    round.forEach((index, position) => {
      const result = results[position]
      if (result !== null && result !== undefined) {
        outcomes[index] = result
        return
      }
      attempts[index]! += 1
      if (attempts[index]! >= 3) throw new Error(`postgresStorage: ${what} could not be inserted`)
      later.push(index)
    })
    waiting = later.sort((a, b) => a - b)
  }
  return outcomes as Outcome[]
}
