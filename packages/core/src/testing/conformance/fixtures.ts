// Row builders for the storage conformance suite: plain objects, no storage, no randomness.
// Each test makes its own `createFixtures()`, so ids and defaults never depend on another test.
import type { Account } from '../../domain/account.js'
import type { AuditEvent } from '../../domain/audit-event.js'
import type { StoredGrant } from '../../domain/grant.js'
import type { OutboxMessage } from '../../domain/mail-message.js'
import type { Membership } from '../../domain/membership.js'
import type { Organization } from '../../domain/organization.js'
import type { Token } from '../../domain/token.js'
import type { BlocklistEntry } from '../../ports/storage.js'

/** The suite's fixed "now": every date is this plus a few minutes, so tests never read a clock. */
export const T0 = new Date('2030-01-01T00:00:00.000Z')

/** `T0` plus `minutes` (negative for the past). A fresh Date every call. */
export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000)
}

const BASE_MS = T0.getTime()

/** Who a row belongs to: anything with an id, or an id. */
type Ref = string | { id: string }
const idOf = (ref: Ref) => (typeof ref === 'string' ? ref : ref.id)

/** The builders of one test. */
export interface Fixtures {
  /**
   * A new id in the core's format (32 lower-case hex digits: 12 of milliseconds, 6 of sequence,
   * 14 more); each is greater than every id this builder made before, so ids sort in creation order.
   */
  id(): string
  account(overrides?: Partial<Account>): Account
  org(founder: Ref, overrides?: Partial<Organization>): Organization
  membership(org: Ref, account: Ref, overrides?: Partial<Membership>): Membership
  grant(
    org: Ref,
    account: Ref,
    roleId?: string,
    scope?: Pick<StoredGrant, 'scopeKind' | 'scopeValue'>,
  ): StoredGrant
  token(account: Ref, overrides?: Partial<Token>): Token
  auditEvent(overrides?: Partial<AuditEvent>): AuditEvent
  outboxMessage(overrides?: Partial<OutboxMessage>): OutboxMessage
  blocklistEntry(emailKey: string, overrides?: Partial<BlocklistEntry>): BlocklistEntry
}

/**
 * Fresh builders: deterministic ids in creation order and unique defaults (`person3@example.com`,
 * `org-4`, `hash-5`) so two rows built without overrides never collide.
 */
export function createFixtures(): Fixtures {
  let counter = 0
  const next = () => ++counter
  const id = () => {
    const n = next()
    const time = (BASE_MS + n).toString(16).padStart(12, '0')
    return `${time}000000${n.toString(16).padStart(14, '0')}`
  }

  return {
    id,
    account(overrides = {}) {
      const accountId = id()
      const n = counter
      return {
        id: accountId,
        username: `Person${n}`,
        usernameKey: `person${n}`,
        email: `Person${n}@Example.com`,
        emailKey: `person${n}@example.com`,
        firstName: 'Pat',
        lastName: `Doe${n}`,
        phone: null,
        language: 'en',
        status: 'active',
        mustChangePassword: false,
        passwordHash: null,
        identityProvider: null,
        externalSubject: null,
        failedSignIns: 0,
        lockedUntil: null,
        passwordExpiresAt: null,
        createdAt: at(0),
        updatedAt: at(0),
        ...overrides,
      }
    },
    org(founder, overrides = {}) {
      const orgId = id()
      const n = counter
      return {
        id: orgId,
        name: `Org ${n}`,
        slug: `org-${n}`,
        email: null,
        founderId: idOf(founder),
        settings: { joinRequests: true, requiredProducts: [] },
        createdAt: at(0),
        updatedAt: at(0),
        ...overrides,
      }
    },
    membership(org, account, overrides = {}) {
      return {
        id: id(),
        orgId: idOf(org),
        accountId: idOf(account),
        type: 'employee',
        status: 'active',
        departmentId: null,
        title: null,
        source: 'local',
        createdAt: at(0),
        updatedAt: at(0),
        ...overrides,
      }
    },
    grant(org, account, roleId = 'member', scope = { scopeKind: 'org', scopeValue: '' }) {
      return { orgId: idOf(org), accountId: idOf(account), roleId, ...scope }
    },
    token(account, overrides = {}) {
      const tokenId = id()
      return {
        id: tokenId,
        kind: 'activation',
        hash: `hash-${tokenId}`,
        accountId: idOf(account),
        email: null,
        expiresAt: at(60 * 24),
        usedAt: null,
        createdAt: at(0),
        ...overrides,
      }
    },
    auditEvent(overrides = {}) {
      const targetId = id()
      const eventId = id()
      const n = counter
      return {
        id: eventId,
        orgId: null,
        actor: { kind: 'system', reason: 'conformance' },
        action: 'account.updated',
        targetType: 'account',
        targetId,
        changes: { firstName: { before: 'Pat', after: `Pat ${n}` } },
        at: at(n),
        ...overrides,
      }
    },
    outboxMessage(overrides = {}) {
      const messageId = id()
      const n = counter
      return {
        id: messageId,
        to: `person${n}@example.com`,
        subject: `Subject ${n}`,
        text: `Text ${n}`,
        html: `<p>Text ${n}</p>`,
        template: 'activation',
        language: 'en',
        data: { url: `https://example.com/activate?token=t${n}`, token: `t${n}` },
        orgId: null,
        status: 'pending',
        claim: null,
        attempts: 0,
        nextAttemptAt: at(0),
        lastError: null,
        createdAt: at(0),
        sentAt: null,
        mint: null,
        ...overrides,
      }
    },
    blocklistEntry(emailKey, overrides = {}) {
      return { emailKey, kind: 'bounce', createdAt: at(0), ...overrides }
    },
  }
}
