import type { Account } from '@roster/core'
import type {
  AccountConflictField,
  AccountPatch,
  AccountsRepository,
  InsertAccountOutcome,
} from '@roster/core/storage'
import { sql } from 'kysely'
import { ACCOUNT_COLUMNS, columns, returning, searchKey, toAccount } from '../rows.js'
import type { Session } from '../session.js'
import { insertInRounds } from './insert-many.js'

const SELECT = columns('a', ACCOUNT_COLUMNS)
const RETURNING = returning(ACCOUNT_COLUMNS)

/** Unique indexes of `accounts` and the conflict each one means. */
const CONSTRAINT_FIELDS: Record<string, AccountConflictField> = {
  accounts_email_key_unique: 'email',
  accounts_username_key_unique: 'username',
  accounts_identity_unique: 'identity',
}

/** Patch fields → columns. Name changes also refresh the search keys. */
const PATCH_COLUMNS: Record<keyof AccountPatch, string> = {
  username: 'username',
  usernameKey: 'username_key',
  email: 'email',
  emailKey: 'email_key',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  language: 'language',
  status: 'status',
  mustChangePassword: 'must_change_password',
  passwordHash: 'password_hash',
  identityProvider: 'identity_provider',
  externalSubject: 'external_subject',
  failedSignIns: 'failed_sign_ins',
  lockedUntil: 'locked_until',
  passwordExpiresAt: 'password_expires_at',
  updatedAt: 'updated_at',
}

const UNIQUE_PATCH_FIELDS = new Set<keyof AccountPatch>([
  'usernameKey',
  'emailKey',
  'identityProvider',
  'externalSubject',
])

/** Which unique field of `account` another account already holds (email first, as in memory). */
async function conflictingField(session: Session, account: Account): Promise<AccountConflictField | null> {
  const [row] = await session.rows<{ email: boolean; username: boolean; identity: boolean }>(sql`
    select coalesce(bool_or(email_key = ${account.emailKey}), false) as email,
           coalesce(bool_or(username_key = ${account.usernameKey}), false) as username,
           coalesce(bool_or(identity_provider = ${account.identityProvider}
                            and external_subject = ${account.externalSubject}), false) as identity
    from accounts
    where id <> ${account.id}
      and (email_key = ${account.emailKey}
           or username_key = ${account.usernameKey}
           or (identity_provider = ${account.identityProvider} and external_subject = ${account.externalSubject}))`)
  if (row?.email) return 'email'
  if (row?.username) return 'username'
  if (row?.identity) return 'identity'
  return null
}

/**
 * One round of `insertMany`: every account in one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO
 * NOTHING` (one parameter per column, whatever the number of rows), then — only when some did not
 * go in — one read of which unique field each of those collided with. Rows go in `emailKey` order,
 * so concurrent batches take the index locks in the same order.
 */
async function insertRound(
  session: Session,
  round: readonly Account[],
): Promise<Array<InsertAccountOutcome | null>> {
  const sorted = [...round].sort((a, b) => (a.emailKey < b.emailKey ? -1 : a.emailKey > b.emailKey ? 1 : 0))
  const column = <T>(value: (account: Account) => T) => sorted.map(value)
  const inserted = await session.rows<{ id: string }>(sql`
    insert into accounts (id, username, username_key, email, email_key, first_name, last_name,
      first_name_key, last_name_key, phone, language, status, must_change_password, password_hash,
      identity_provider, external_subject, failed_sign_ins, locked_until, password_expires_at, created_at, updated_at)
    select * from unnest(${column((a) => a.id)}::text[], ${column((a) => a.username)}::text[],
      ${column((a) => a.usernameKey)}::text[], ${column((a) => a.email)}::text[],
      ${column((a) => a.emailKey)}::text[], ${column((a) => a.firstName)}::text[],
      ${column((a) => a.lastName)}::text[], ${column((a) => searchKey(a.firstName))}::text[],
      ${column((a) => searchKey(a.lastName))}::text[], ${column((a) => a.phone)}::text[],
      ${column((a) => a.language)}::text[], ${column((a) => a.status)}::text[],
      ${column((a) => a.mustChangePassword)}::boolean[], ${column((a) => a.passwordHash)}::text[],
      ${column((a) => a.identityProvider)}::text[], ${column((a) => a.externalSubject)}::text[],
      ${column((a) => a.failedSignIns)}::int[], ${column((a) => a.lockedUntil)}::timestamptz[],
      ${column((a) => a.passwordExpiresAt)}::timestamptz[], ${column((a) => a.createdAt)}::timestamptz[], ${column((a) => a.updatedAt)}::timestamptz[])
    on conflict do nothing
    returning id`)
  const went = new Set(inserted.map((row) => row.id))
  const missed = round.filter((account) => !went.has(account.id))
  const fields = new Map<string, AccountConflictField>()
  if (missed.length > 0) {
    const rows = await session.rows<{ id: string; email: boolean; username: boolean; identity: boolean }>(sql`
      select c.id,
             coalesce(bool_or(a.email_key = c.email_key), false) as email,
             coalesce(bool_or(a.username_key = c.username_key), false) as username,
             coalesce(bool_or(a.identity_provider = c.provider and a.external_subject = c.subject), false) as identity
      from unnest(${missed.map((a) => a.id)}::text[], ${missed.map((a) => a.emailKey)}::text[],
        ${missed.map((a) => a.usernameKey)}::text[], ${missed.map((a) => a.identityProvider)}::text[],
        ${missed.map((a) => a.externalSubject)}::text[]) as c(id, email_key, username_key, provider, subject)
      join accounts a on a.id <> c.id
        and (a.email_key = c.email_key or a.username_key = c.username_key
             or (a.identity_provider = c.provider and a.external_subject = c.subject))
      group by c.id`)
    for (const row of rows) {
      const field = row.email ? 'email' : row.username ? 'username' : row.identity ? 'identity' : null
      if (field) fields.set(row.id, field)
    }
  }
  return round.map((account): InsertAccountOutcome | null => {
    if (went.has(account.id)) return { status: 'inserted' }
    const field = fields.get(account.id)
    // No holder found: the row we collided with is gone again, so this one is tried once more.
    return field ? { status: 'conflict', field } : null
  })
}

/** The unique keys of an account, one namespace per index. */
function accountKeys(account: Account): Array<string | null> {
  return [
    `e\u0000${account.emailKey}`,
    `u\u0000${account.usernameKey}`,
    account.identityProvider !== null && account.externalSubject !== null
      ? `i\u0000${account.identityProvider}\u0000${account.externalSubject}`
      : null,
  ]
}

export function accountsRepository(session: Session): AccountsRepository {
  const findOne = async (where: ReturnType<typeof sql>) => {
    const [row] = await session.rows<Record<string, unknown>>(
      sql`select ${SELECT} from accounts a where ${where}`,
    )
    return row ? toAccount(row) : null
  }

  return {
    findById: (id) => findOne(sql`a.id = ${id}`),

    async findByIds(ids) {
      if (ids.length === 0) return []
      const rows = await session.rows<Record<string, unknown>>(
        sql`select ${SELECT} from accounts a where a.id = any(${[...ids]}::text[])`,
      )
      return rows.map((row) => toAccount(row))
    },

    findByEmail: (emailKey) => findOne(sql`a.email_key = ${emailKey}`),

    async findByEmails(emailKeys) {
      if (emailKeys.length === 0) return []
      const rows = await session.rows<Record<string, unknown>>(
        sql`select ${SELECT} from accounts a where a.email_key = any(${[...new Set(emailKeys)]}::text[])`,
      )
      return rows.map((row) => toAccount(row))
    },

    async insertMany(accounts) {
      if (accounts.length === 0) return []
      return insertInRounds(accounts, accountKeys, (round) => insertRound(session, round), 'an account')
    },
    findByUsername: (usernameKey) => findOne(sql`a.username_key = ${usernameKey}`),
    findByIdentity: (provider, subject) =>
      findOne(sql`a.identity_provider = ${provider} and a.external_subject = ${subject}`),

    async insert(account) {
      // ON CONFLICT DO NOTHING never raises, so a conflict cannot abort the caller's transaction;
      // it waits for a concurrent inserter of the same key and yields to it if that one commits.
      for (let attempt = 0; attempt < 3; attempt++) {
        const inserted = await session.rows(sql`
          insert into accounts (id, username, username_key, email, email_key, first_name, last_name,
            first_name_key, last_name_key, phone, language, status, must_change_password, password_hash,
            identity_provider, external_subject, failed_sign_ins, locked_until, password_expires_at, created_at, updated_at)
          values (${account.id}, ${account.username}, ${account.usernameKey}, ${account.email},
            ${account.emailKey}, ${account.firstName}, ${account.lastName}, ${searchKey(account.firstName)},
            ${searchKey(account.lastName)}, ${account.phone}, ${account.language}, ${account.status},
            ${account.mustChangePassword}, ${account.passwordHash}, ${account.identityProvider},
            ${account.externalSubject}, ${account.failedSignIns}, ${account.lockedUntil},
            ${account.passwordExpiresAt}, ${account.createdAt}, ${account.updatedAt})
          on conflict do nothing
          returning id`)
        if (inserted.length === 1) return { status: 'inserted' }
        const field = await conflictingField(session, account)
        if (field) return { status: 'conflict', field }
        // The row we collided with is gone again (deleted meanwhile): try once more.
      }
      throw new Error(`postgresStorage: account ${account.id} could not be inserted (id already used?)`)
    },

    async update(id, patch) {
      const assignments = []
      let touchesUnique = false
      for (const [key, value] of Object.entries(patch) as [keyof AccountPatch, unknown][]) {
        const column = PATCH_COLUMNS[key]
        if (column === undefined || value === undefined) continue
        assignments.push(sql`${sql.ref(column)} = ${value}`)
        if (key === 'firstName') assignments.push(sql`first_name_key = ${searchKey(value as string)}`)
        if (key === 'lastName') assignments.push(sql`last_name_key = ${searchKey(value as string)}`)
        if (UNIQUE_PATCH_FIELDS.has(key)) touchesUnique = true
      }
      if (assignments.length === 0) {
        const account = await findOne(sql`a.id = ${id}`)
        return account ? { status: 'updated', account } : { status: 'not-found' }
      }
      const statement = sql<Record<string, unknown>>`
        update accounts set ${sql.join(assignments, sql`, `)} where id = ${id} returning ${RETURNING}`
      if (!touchesUnique) {
        const [row] = await session.rows(statement)
        return row ? { status: 'updated', account: toAccount(row) } : { status: 'not-found' }
      }
      const result = await session.rowsOrViolation(statement)
      if (result.violation) {
        const field = CONSTRAINT_FIELDS[result.violation.constraint]
        if (!field)
          throw new Error(`postgresStorage: unexpected unique violation ${result.violation.constraint}`)
        return { status: 'conflict', field }
      }
      const [row] = result.rows
      return row ? { status: 'updated', account: toAccount(row) } : { status: 'not-found' }
    },

    async delete(id) {
      // Tokens go by cascade. Memberships do not (0005): an account with a membership — one a
      // concurrent transaction committed included — fails the foreign key, a retryable conflict.
      const rows = await session.rows(sql`delete from accounts where id = ${id} returning id`, {
        touches: ['tokens'],
      })
      return rows.length === 1
    },

    async recordFailedSignIn(id, { maxAttempts, lockedUntil }) {
      // One conditional UPDATE: the row lock serializes concurrent failures, none is lost.
      const [row] = await session.rows<{ failed_sign_ins: number; locked_until: Date | null }>(sql`
        update accounts set
          failed_sign_ins = case when failed_sign_ins + 1 >= ${maxAttempts} then 0 else failed_sign_ins + 1 end,
          locked_until = case when failed_sign_ins + 1 >= ${maxAttempts} then ${lockedUntil}::timestamptz
                              else locked_until end
        where id = ${id}
        returning failed_sign_ins, locked_until`)
      if (!row) return { failedSignIns: 0, lockedUntil: null }
      return {
        failedSignIns: Number(row.failed_sign_ins),
        lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
      }
    },
  }
}
