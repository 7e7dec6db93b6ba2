import type { JoinRequest, JoinRequestStatus } from '../../domain/join-request.js'

export type InsertJoinRequestOutcome = { status: 'inserted' } | { status: 'exists'; pending: JoinRequest }
export type DecideJoinRequestOutcome =
  | { status: 'decided'; request: JoinRequest }
  | { status: 'not-found' }
  | { status: 'not-pending'; request: JoinRequest }

/** A keyset query over one org's join requests, oldest (lowest id) first. */
export interface JoinRequestQuery {
  orgId: string
  status?: JoinRequestStatus
  /** Return requests whose id is strictly greater. */
  afterId?: string
  /** MUST return at most this many. */
  limit: number
}

/** Accounts asking to join orgs (J1, J2). */
export interface JoinRequestsRepository {
  /**
   * The org a request belongs to, by its id alone; null when there is none. The one lookup of a
   * request that spans orgs: for callers that name a request without its org (the use-cases' optional
   * `orgId`). Everything else is found with the org.
   */
  orgOf(id: string): Promise<string | null>
  /** The org's request with that id; null when there is none (also when it is another org's: the org is the tenant key). */
  findById(orgId: string, id: string): Promise<JoinRequest | null>
  /**
   * Inserts a `pending` request. MUST return `exists` with the pending one (storing nothing) when the
   * account already has a pending request to the org, also when another transaction inserts one
   * concurrently (J1). Decided requests do not count.
   */
  insert(request: JoinRequest): Promise<InsertJoinRequestOutcome>
  /**
   * Moves a `pending` request to a final status with who decided, why and when. MUST change it only
   * while it is pending: of concurrent calls exactly one gets `decided`, the others `not-pending`
   * with the request as it now is (J2). A request of another org is `not-found`.
   */
  decide(
    orgId: string,
    id: string,
    decision: {
      status: Exclude<JoinRequestStatus, 'pending'>
      decidedBy: string | null
      reason: string | null
      decidedAt: Date
    },
  ): Promise<DecideJoinRequestOutcome>
  /** A keyset page of the org's requests (of one status when given), by id ascending. */
  list(query: JoinRequestQuery): Promise<JoinRequest[]>
  /**
   * The account's own requests to any org, newest (highest id) first, at most `limit`: what the
   * requester sees of what they asked (J2).
   */
  listForAccount(accountId: string, limit: number): Promise<JoinRequest[]>
}
