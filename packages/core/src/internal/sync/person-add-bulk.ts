// The new people of a batch in bulk (S2, S4): the reads and inserts `addPerson` makes one person at
// a time, made once for the batch — a blocklist read, an account read by email, and one multi-row
// insert each for accounts, memberships with their grants, and links. Only people whose outcome
// cannot depend on the rest of the batch go this way; everyone else, and everyone whose insert met
// a concurrent writer, takes the per-person path, so every rule and outcome stays as it was.
import { err, ok, type Result } from 'neverthrow'
import { emailKey } from '../../domain/account.js'
import { type ConnectionLink, linkedRecordOf, type ParsedDirectoryPerson } from '../../domain/connection.js'
import { type BatchContext, type PersonOutcome, type SyncStop, syncStop } from './context.js'
import { announceAdded, guestMembershipFor, linkConflict, linkFor, newAccountFor } from './person-add.js'

/** Per external id, what is left of adding that person once the batch's rows are in. */
export type BulkAdded = Map<string, () => Promise<PersonOutcome>>

/**
 * Adds, in bulk, the people of a batch who are new: no link yet, listed active, of a directory
 * source, and whose email neither repeats in the batch, nor is blocked (A11), nor has an account
 * (A2: attaching one takes the per-person path). Returns, per external id added, the rest of their
 * adding (activation mail, audit, event), to run in the batch's order. A person whose account
 * insert conflicts (another writer took the email or username meanwhile) is left out: the
 * per-person path then reports it as it always did.
 */
export async function addNewPeople(
  b: BatchContext,
  people: readonly ParsedDirectoryPerson[],
  links: ReadonlyMap<string, ConnectionLink>,
): Promise<Result<BulkAdded, SyncStop>> {
  const added: BulkAdded = new Map()
  if (b.connection.kind !== 'directory') return ok(added)

  // Any two people of the batch with one email: their outcomes depend on their order.
  const listed = people.map((person) => {
    const { record } = linkedRecordOf(person)
    return { person, record, key: emailKey(record.email) }
  })
  const emailCount = new Map<string, number>()
  for (const { key } of listed) emailCount.set(key, (emailCount.get(key) ?? 0) + 1)
  const seenIds = new Set<string>()
  const candidates: typeof listed = []
  for (const entry of listed) {
    const { externalId } = entry.person
    // A repeated externalId is the loop's to report; only its first listing may be new.
    if (seenIds.has(externalId)) continue
    seenIds.add(externalId)
    if (links.has(externalId) || !entry.record.active || emailCount.get(entry.key) !== 1) continue
    candidates.push(entry)
  }
  if (candidates.length === 0) return ok(added)

  const keys = candidates.map((entry) => entry.key)
  const blocked = new Set(await b.w.tx.blocklist.blockedAmong(keys))
  const taken = new Set((await b.w.tx.accounts.findByEmails(keys)).map((account) => account.emailKey))
  const fresh = candidates.filter((entry) => !blocked.has(entry.key) && !taken.has(entry.key))
  if (fresh.length === 0) return ok(added)

  const rows = fresh.map(({ person, record }) => {
    const account = newAccountFor(b, record)
    return { person, account, ...guestMembershipFor(b, account, record) }
  })
  const outcomes = await b.w.tx.accounts.insertMany(rows.map((row) => row.account))
  const inserted = rows.filter((_, i) => outcomes[i]?.status === 'inserted')
  if (inserted.length === 0) return ok(added)

  const memberships = await b.w.tx.memberships.insertMany(
    inserted.map((row) => ({ membership: row.membership, grants: [row.grant] })),
  )
  if (memberships.some((outcome) => outcome.status !== 'inserted')) {
    // A brand-new account has no membership: only another writer breaking the rules gets here.
    // Undo the batch rather than leave an account behind.
    return err(syncStop('conflict', 'A brand-new account already had a membership: another writer got in.'))
  }
  const linked = await b.w.tx.connectionLinks.insertMany(
    inserted.map((row) => linkFor(b, row.person, row.account.id, true)),
  )
  const conflict = linked.find((outcome) => outcome.status === 'conflict')
  if (conflict?.status === 'conflict') {
    // As in `addPerson`: the run holds the lease and read the links, so another writer broke it.
    return err(linkConflict(conflict.field))
  }
  for (const row of inserted) {
    added.set(row.person.externalId, () => announceAdded(b, row.account, row.membership, row.grant, true))
  }
  return ok(added)
}
