import type { JoinRequest } from '@roster/core'
import type { JoinRequestsRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columnList } from '../rows.js'
import type { JoinRequestsTable } from '../schema.js'
import type { Session } from '../session.js'

type Row = {
  org_id: string
  id: string
  account_id: string
  status: JoinRequest['status']
  message: string | null
  reason: string | null
  decided_by: string | null
  decided_at: Date | null
  created_at: Date
}
const COLUMNS = columnList<JoinRequestsTable>([
  'org_id',
  'id',
  'account_id',
  'status',
  'message',
  'reason',
  'decided_by',
  'decided_at',
  'created_at',
])

const toRequest = (row: Row): JoinRequest => ({
  id: row.id,
  orgId: row.org_id,
  accountId: row.account_id,
  status: row.status,
  message: row.message,
  reason: row.reason,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
  createdAt: new Date(row.created_at),
})

export function joinRequestsRepository(session: Session): JoinRequestsRepository {
  const findById = async (orgId: string, id: string) => {
    const [row] = await session.rows<Row>(
      sql`select ${COLUMNS} from join_requests where org_id = ${orgId} and id = ${id}`,
    )
    return row ? toRequest(row) : null
  }

  return {
    async orgOf(id) {
      // The one statement on join_requests without an org: the caller did not say which (see the port).
      const [row] = await session.rows<{ org_id: string }>(
        sql`select org_id from join_requests where id = ${id}`,
      )
      return row?.org_id ?? null
    },
    findById,

    async insert(request) {
      for (let attempt = 0; attempt < 3; attempt++) {
        // J1: the partial unique index allows one pending request per (org, account).
        const inserted = await session.rows(sql`
          insert into join_requests (org_id, id, account_id, status, message, reason, decided_by, decided_at, created_at)
          values (${request.orgId}, ${request.id}, ${request.accountId}, ${request.status}, ${request.message},
            ${request.reason}, ${request.decidedBy}, ${request.decidedAt}, ${request.createdAt})
          on conflict (org_id, account_id) where status = 'pending' do nothing
          returning 1`)
        if (inserted.length === 1) return { status: 'inserted' }
        const [pending] = await session.rows<Row>(sql`
          select ${COLUMNS} from join_requests
          where org_id = ${request.orgId} and account_id = ${request.accountId} and status = 'pending'`)
        if (pending) return { status: 'exists', pending: toRequest(pending) }
        // The pending one was decided meanwhile: try again.
      }
      throw new Error(`postgresStorage: join request ${request.id} could not be inserted`)
    },

    async decide(orgId, id, decision) {
      // Only while pending: of concurrent deciders the first wins; the others re-check the
      // status on the row it left and match nothing (J2).
      const [row] = await session.rows<Row>(sql`
        update join_requests
        set status = ${decision.status}, decided_by = ${decision.decidedBy}, reason = ${decision.reason},
            decided_at = ${decision.decidedAt}
        where org_id = ${orgId} and id = ${id} and status = 'pending'
        returning ${COLUMNS}`)
      if (row) return { status: 'decided', request: toRequest(row) }
      const current = await findById(orgId, id)
      return current ? { status: 'not-pending', request: current } : { status: 'not-found' }
    },

    async list(query) {
      if (query.limit <= 0) return []
      const conditions: RawBuilder<unknown>[] = [sql`org_id = ${query.orgId}`]
      if (query.status !== undefined) conditions.push(sql`status = ${query.status}`)
      if (query.afterId !== undefined) conditions.push(sql`id > ${query.afterId}`)
      const rows = await session.rows<Row>(sql`
        select ${COLUMNS} from join_requests where ${sql.join(conditions, sql` and `)}
        order by id limit ${Math.floor(query.limit)}`)
      return rows.map(toRequest)
    },

    async listForAccount(accountId, limit) {
      if (limit <= 0) return []
      // join_requests_account_idx serves the filter; an account has few requests to sort.
      const rows = await session.rows<Row>(sql`
        select ${COLUMNS} from join_requests where account_id = ${accountId}
        order by id desc limit ${Math.floor(limit)}`)
      return rows.map(toRequest)
    },
  }
}
