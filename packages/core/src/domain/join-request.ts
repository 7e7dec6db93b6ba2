import type { Account } from './account.js'

/** `pending` until an admin approves or denies it, or the requester cancels it (J1, J2). */
export type JoinRequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled'

/** An account's request to join an org, as stored. At most one `pending` per (orgId, accountId). */
export interface JoinRequest {
  id: string
  orgId: string
  accountId: string
  status: JoinRequestStatus
  message: string | null
  /** The reason given with a denial. */
  reason: string | null
  /** Who decided (an account id; the requester for a cancellation); null while pending or for the system actor. */
  decidedBy: string | null
  decidedAt: Date | null
  createdAt: Date
}

/** A join request as the API returns it, with who asked. */
export interface JoinRequestView {
  id: string
  orgId: string
  accountId: string
  requester: { username: string; email: string; firstName: string; lastName: string }
  status: JoinRequestStatus
  message: string | null
  reason: string | null
  decidedBy: string | null
  decidedAt: string | null
  createdAt: string
}

export function toJoinRequestView(
  request: JoinRequest,
  account: Pick<Account, 'username' | 'email' | 'firstName' | 'lastName'>,
): JoinRequestView {
  return {
    id: request.id,
    orgId: request.orgId,
    accountId: request.accountId,
    requester: {
      username: account.username,
      email: account.email,
      firstName: account.firstName,
      lastName: account.lastName,
    },
    status: request.status,
    message: request.message,
    reason: request.reason,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
  }
}
