// `postgresStorage(pool)` takes the fast path by itself (issue 15): given a `pg` pool it sends
// Roster's statements as named prepared statements, unless told not to or behind a transaction
// pooler. A recording pool stands in for `pg` (no server needed): it answers the pooling probe
// and records how each statement was sent.
import { describe, expect, it } from 'vitest'
import { postgresStorage } from './postgres-storage.js'
import { preparedStatements } from './prepared-statements.js'

interface Sent {
  text: string
  name: string | undefined
}

/** A pool whose clients each sit on their own backend (`'session'`), or all on one (`'transaction'`). */
function recordingPool(pooling: 'session' | 'transaction') {
  const sent: Sent[] = []
  let clients = 0
  const pool = {
    options: { max: 10 },
    on: () => pool,
    end: async () => {},
    connect: async () => {
      const backend = pooling === 'session' ? ++clients : 1
      return {
        release: () => {},
        on: () => {},
        query: async (first: string | { name?: string; text: string }) => {
          const text = typeof first === 'string' ? first : first.text
          const name = typeof first === 'string' ? undefined : first.name
          if (/pg_backend_pid/.test(text))
            return {
              command: 'SELECT',
              rowCount: 1,
              rows: [{ pid: pooling === 'session' ? backend : clients++ }],
            }
          sent.push({ text, name })
          return { command: 'SELECT', rowCount: 0, rows: [] }
        },
      }
    },
  }
  return { pool, sent }
}

describe('postgresStorage given a pg pool', () => {
  it('prepares Roster statements by default (a direct connection)', async () => {
    const { pool, sent } = recordingPool('session')
    const storage = postgresStorage(pool)
    expect(await storage.blocklist.isBlocked('ada@example.com')).toBe(false)
    const lookup = sent.find((each) => each.text.includes('from blocklist'))
    expect(lookup?.name).toMatch(/^roster_/)
  })

  it('runs unprepared with { preparedStatements: false }', async () => {
    const { pool, sent } = recordingPool('session')
    const storage = postgresStorage(pool, { preparedStatements: false })
    await storage.blocklist.isBlocked('ada@example.com')
    const lookup = sent.find((each) => each.text.includes('from blocklist'))
    expect(lookup).toBeDefined()
    expect(lookup?.name).toBeUndefined()
  })

  it('runs unprepared behind a transaction-mode pooler (detected), and says why', async () => {
    const { pool, sent } = recordingPool('transaction')
    const reasons: string[] = []
    const storage = postgresStorage(pool, {
      preparedStatements: { onUnprepared: (reason) => reasons.push(reason) },
    })
    await storage.blocklist.isBlocked('ada@example.com')
    const lookup = sent.find((each) => each.text.includes('from blocklist'))
    expect(lookup?.name).toBeUndefined()
    expect(reasons).toEqual([expect.stringMatching(/transaction-mode pooler/)])
  })

  it('uses a pool already wrapped by preparedStatements as it is (probed once, not wrapped twice)', async () => {
    const { pool, sent } = recordingPool('session')
    const wrapped = preparedStatements(pool, { mode: 'always' })
    expect(preparedStatements(wrapped)).toBe(wrapped)
    const storage = postgresStorage(wrapped)
    await storage.blocklist.isBlocked('ada@example.com')
    expect(sent.find((each) => each.text.includes('from blocklist'))?.name).toMatch(/^roster_/)
  })
})
