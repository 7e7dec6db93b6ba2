// Raw-SQL baselines through the same pool: the rows a use-case writes (or the rows it reads),
// sent as single-row statements in a transaction (one round trip each, BEGIN and COMMIT
// included), and as one batched statement (one round trip).
import { randomUUID } from 'node:crypto'
import type pg from 'pg'

const id = () => randomUUID().replaceAll('-', '')
const now = () => new Date()

interface Statement {
  text: string
  values: unknown[]
}

function accountRow(i: number, prefix: string): Statement {
  const email = `${prefix}${i}.${id().slice(0, 8)}@baseline.test`
  return {
    text: `insert into accounts (id, username, username_key, email, email_key, first_name, last_name, first_name_key,
      last_name_key, phone, language, status, must_change_password, password_hash, identity_provider, external_subject,
      failed_sign_ins, locked_until, created_at, updated_at)
      values ($1, $2, $2, $2, $2, 'Base', 'Line', 'base', 'line', null, 'en', 'pending_activation', false, null, null, null,
      0, null, $3, $3)`,
    values: [id(), email, now()],
  }
}

function tokenRow(accountId: string): Statement {
  return {
    text: `insert into tokens (id, kind, hash, account_id, email, expires_at, used_at, created_at)
      values ($1, 'activation', $2, $3, null, $4, null, $4)`,
    values: [id(), id(), accountId, now()],
  }
}

function auditRow(orgId: string, targetId: string): Statement {
  return {
    text: `insert into audit_events (org_id, id, actor_kind, actor_id, actor_reason, action, target_type, target_id, changes, at)
      values ($1, $2, 'system', null, 'baseline', 'member.added', 'account', $3, '{"status":{"after":"invited"}}', $4)`,
    values: [orgId, id(), targetId, now()],
  }
}

function outboxRow(orgId: string | null): Statement {
  return {
    text: `insert into outbox_messages (id, org_id, "to", subject, text, html, template, language, data, status, attempts,
      next_attempt_at, last_error, created_at, sent_at)
      values ($1, $2, 'someone@baseline.test', 'Activate your account', 'Hello, activate: https://x.test/activate?token=abc',
      '<p>Hello</p>', 'activation', 'en', '{"token":"abc"}', 'pending', 0, $3, null, $3, null)`,
    values: [id(), orgId, now()],
  }
}

function membershipRow(orgId: string, accountId: string): Statement[] {
  return [
    {
      text: `insert into memberships (org_id, id, account_id, type, status, department_id, title, source, created_at, updated_at)
        values ($1, $2, $3, 'employee', 'invited', null, null, 'local', $4, $4)`,
      values: [orgId, id(), accountId, now()],
    },
    {
      text: `insert into grants (org_id, account_id, role_id, scope_kind, scope_value) values ($1, $2, 'member', 'org', '')`,
      values: [orgId, accountId],
    },
  ]
}

/** The same statements as data-modifying CTEs of one statement (parameters renumbered). */
function batched(statements: Statement[]): Statement {
  const values: unknown[] = []
  const ctes = statements.map((statement, index) => {
    const offset = values.length
    values.push(...statement.values)
    return `s${index} as (${statement.text.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`)})`
  })
  return { text: `with ${ctes.join(', ')} select 1`, values }
}

async function single(pool: pg.Pool, statements: Statement[]): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    for (const statement of statements) await client.query(statement.text, statement.values)
    await client.query('commit')
  } finally {
    client.release()
  }
}

/** Rows of each write use-case, built fresh per call. */
export function writeShapes(orgId: string) {
  return {
    /** members.add: account, membership, grant, token, audit event, outbox message. */
    'members.add': (i: number) => {
      const account = accountRow(i, 'member')
      const accountId = account.values[0] as string
      return [
        account,
        ...membershipRow(orgId, accountId),
        tokenRow(accountId),
        auditRow(orgId, accountId),
        outboxRow(orgId),
      ]
    },
    /** accounts.signUp: account, token, audit event, outbox message. */
    'accounts.signUp': (i: number) => {
      const account = accountRow(i, 'signup')
      const accountId = account.values[0] as string
      return [account, tokenRow(accountId), auditRow('', accountId), outboxRow(null)]
    },
    /** orgs.create: organization, founder membership, owner grant, audit event. */
    'orgs.create': (i: number, founderId: string) => {
      const org = id()
      return [
        {
          text: `insert into organizations (id, name, slug, email, founder_id, settings, created_at, updated_at)
            values ($1, $2, $3, null, $4, '{"joinRequests":true,"requiredProducts":[]}', $5, $5)`,
          values: [org, `Baseline ${i}`, `baseline-${org}`, founderId, now()],
        },
        ...membershipRow(org, founderId),
        auditRow(org, org),
      ]
    },
  } as const
}

export const run = {
  single,
  batched: async (pool: pg.Pool, statements: Statement[]) => {
    const statement = batched(statements)
    await pool.query(statement.text, statement.values)
  },
}

/** activation.activate as raw SQL: consume the token, activate the account and its invitations, audit. */
export function activateStatements(tokenId: string, accountId: string): Statement[] {
  return [
    { text: 'update tokens set used_at = $2 where id = $1 and used_at is null', values: [tokenId, now()] },
    {
      text: `update accounts set status = 'active', password_hash = 'x', updated_at = $2 where id = $1`,
      values: [accountId, now()],
    },
    {
      text: `update memberships set status = 'active', updated_at = $2 where account_id = $1 and status = 'invited'`,
      values: [accountId, now()],
    },
    auditRow('', accountId),
  ]
}

/** Reads: the rows a members page, a member and a sign-in look up, as plain SELECTs. */
export const reads = {
  page: (orgId: string): Statement => ({
    text: `select m.*, a.* from memberships m join accounts a on a.id = m.account_id
      where m.org_id = $1 order by m.id limit 100`,
    values: [orgId],
  }),
  member: (orgId: string, accountId: string): Statement => ({
    text: `select m.*, a.* from memberships m join accounts a on a.id = m.account_id
      where m.org_id = $1 and m.account_id = $2`,
    values: [orgId, accountId],
  }),
  account: (usernameKey: string): Statement => ({
    text: 'select * from accounts where username_key = $1',
    values: [usernameKey],
  }),
}

export type { Statement }
