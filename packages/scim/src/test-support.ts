// The storages the SCIM tests run on (not shipped: `files` leaves this out): memory, PGlite
// always, and the server named by ROSTER_TEST_DATABASE_URL when set. Each test opens a fresh,
// empty storage — a new memory storage, or the file's one migrated database emptied in one
// statement (migrating per test would cost seconds of DDL on PGlite).
import { PGlite } from '@electric-sql/pglite'
import type { Storage } from '@roster/core/storage'
import {
  migrateToLatest,
  pgliteDialect,
  postgresStorage,
  ROSTER_MIGRATION_LOCK_TABLE,
  ROSTER_MIGRATION_TABLE,
  type RosterDatabase,
} from '@roster/adapter-postgres'
import { createTestRoster } from '@roster/test-support'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { createScimHandler, type ScimHandlerOptions } from './index.js'

export const TEST_DATABASE_URL = process.env.ROSTER_TEST_DATABASE_URL

export interface StorageKind {
  name: string
  /** A fresh empty storage for one test. */
  open(): Promise<Storage | undefined>
  /** Releases the file's database. */
  close(): Promise<void>
}

async function emptyingStatement(db: Kysely<RosterDatabase>): Promise<string> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and tablename not in (${ROSTER_MIGRATION_TABLE}, ${ROSTER_MIGRATION_LOCK_TABLE})
    order by tablename`.execute(db)
  const [last, ...others] = rows.map((row) => `"${row.name}"`)
  const ctes = others.map((table, i) => `d${i} as (delete from ${table})`)
  return `${ctes.length ? `with ${ctes.join(', ')} ` : ''}delete from ${last}`
}

function sharedDatabase(
  name: string,
  connect: () => Promise<{ db: Kysely<RosterDatabase>; drop?: () => Promise<void> }>,
): StorageKind {
  let ready: Promise<{ db: Kysely<RosterDatabase>; empty: string; drop?: () => Promise<void> }> | undefined
  return {
    name,
    async open() {
      ready ??= (async () => {
        const { db, drop } = await connect()
        await migrateToLatest(db)
        return { db, empty: await emptyingStatement(db), ...(drop ? { drop } : {}) }
      })()
      const { db, empty } = await ready
      await sql.raw(empty).execute(db)
      return postgresStorage(db)
    },
    async close() {
      if (!ready) return
      const { db, drop } = await ready
      await drop?.()
      await db.destroy()
    },
  }
}

/** Memory, PGlite, and the server when ROSTER_TEST_DATABASE_URL is set. */
export function storageKinds(): StorageKind[] {
  const kinds: StorageKind[] = [
    { name: 'memory', open: async () => undefined, close: async () => undefined },
    sharedDatabase('pglite', async () => ({
      db: new Kysely<RosterDatabase>({ dialect: pgliteDialect(await PGlite.create()) }),
    })),
  ]
  if (TEST_DATABASE_URL) {
    const schema = `roster_scim_${process.pid}_${Date.now().toString(36)}`
    kinds.push(
      sharedDatabase('server', async () => {
        const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 })
        await admin.query(`create schema ${schema}`)
        await admin.end()
        const pool = new pg.Pool({
          connectionString: TEST_DATABASE_URL,
          max: 10,
          options: `-c search_path=${schema}`,
        })
        const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
        return { db, drop: async () => void (await sql.raw(`drop schema ${schema} cascade`).execute(db)) }
      }),
    )
  }
  return kinds
}

export const BASE = 'http://roster.test/scim/v2'

/**
 * A roster on `storage` with an org, a SCIM connection and a handler mounted at /scim/v2;
 * `scim(method, path, body?)` sends a request with the connection's token.
 */
export async function scimWorld(
  storage: Storage | undefined,
  options: {
    handler?: ScimHandlerOptions
    connection?: Record<string, unknown>
    orgName?: string
  } = {},
) {
  const t = createTestRoster(storage ? { storage } : {})
  const { org, founder } = await t.orgWithFounder(options.orgName ?? 'Acme')
  const created = (
    await t.roster.scim.createConnection(founder, { orgId: org.id, name: 'Okta', ...options.connection })
  )._unsafeUnwrap()
  const handler = createScimHandler(t.roster, { basePath: '/scim/v2', ...options.handler })
  const token = created.secret.token
  async function scim(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    bearer: string | null = token,
  ) {
    const response = await handler(
      new Request(`${BASE}${path}`, {
        method,
        headers: {
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    )
    const text = await response.text()
    // biome-ignore lint/suspicious/noExplicitAny: tests read SCIM JSON freely.
    const json: any = text ? JSON.parse(text) : undefined
    return { status: response.status, headers: response.headers, json }
  }
  return {
    ...t,
    org,
    admin: founder,
    created,
    token,
    handler,
    scim,
    connectionId: created.connection.connectionId,
  }
}

/** A SCIM User as Okta's create sends it (numbered, so several fit in one org). */
export function oktaUser(i = 1, overrides: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `ada${i}@example.com`,
    name: { givenName: 'Ada', familyName: `Lovelace${i}` },
    emails: [{ primary: true, value: `ada${i}@example.com`, type: 'work' }],
    displayName: `Ada Lovelace${i}`,
    locale: 'en-US',
    externalId: `00u${i}okta`,
    groups: [],
    password: 'never-stored-1',
    active: true,
    ...overrides,
  }
}
