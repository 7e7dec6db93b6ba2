import type { PhoneNumber } from '@roster/core'
import type { NumbersRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { type MemberNumbersRow, numberKey, type PhoneNumberRow, releaseNumber } from './seats.js'
import { SEAT_TABLES } from '../tables.js'
import { membershipKey, requireMembership, type Unit } from './unit.js'

/**
 * An org's phone-number pool. Assignment is a check-and-set inside the single-writer unit of
 * work, so a number never gets two holders (N3).
 */
export function numbersRepository(unit: Unit): NumbersRepository {
  return {
    find: (orgId, number) =>
      unit.read((t) => {
        const row = t.read<PhoneNumberRow>(SEAT_TABLES.numbers).get(numberKey(orgId, number))
        return row ? copy<PhoneNumber>(row) : null
      }),
    insertMany: (numbers) =>
      unit.write((t) => {
        const inserted: string[] = []
        const existing: string[] = []
        for (const row of numbers) {
          const key = numberKey(row.orgId, row.number)
          if (t.read(SEAT_TABLES.numbers).has(key)) {
            existing.push(row.number)
            continue
          }
          t.write<PhoneNumberRow>(SEAT_TABLES.numbers).set(key, copy(row))
          if (row.accountId !== null) {
            const indexKey = membershipKey(row.orgId, row.accountId)
            const index = t.write<MemberNumbersRow>(SEAT_TABLES.memberNumbers)
            const current = index.get(indexKey)
            index.set(indexKey, {
              orgId: row.orgId,
              accountId: row.accountId,
              numbers: [...(current?.numbers ?? []), row.number],
            })
          }
          inserted.push(row.number)
        }
        return { inserted, existing }
      }),
    page: (query) =>
      unit.read((t) =>
        [...t.read<PhoneNumberRow>(SEAT_TABLES.numbers).values()]
          .filter((row) => row.orgId === query.orgId)
          .filter((row) => query.afterNumber === undefined || row.number > query.afterNumber)
          .filter(
            (row) =>
              query.status === undefined ||
              (query.status === 'available' ? row.accountId === null : row.accountId !== null),
          )
          .filter((row) => query.accountId === undefined || row.accountId === query.accountId)
          .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
          .slice(0, query.limit)
          .map((row) => copy<PhoneNumber>(row)),
      ),
    assign: (orgId, number, accountId, at) =>
      unit.write((t) => {
        const key = numberKey(orgId, number)
        const row = t.read<PhoneNumberRow>(SEAT_TABLES.numbers).get(key)
        if (!row) return { status: 'not-found' } as const
        if (row.accountId === accountId) return { status: 'already-held' } as const
        if (row.accountId !== null) return { status: 'unavailable', accountId: row.accountId } as const
        requireMembership(t, orgId, accountId, 'a number')
        t.write<PhoneNumberRow>(SEAT_TABLES.numbers).set(key, { ...row, accountId, assignedAt: new Date(at) })
        const indexKey = membershipKey(orgId, accountId)
        const index = t.write<MemberNumbersRow>(SEAT_TABLES.memberNumbers)
        const current = index.get(indexKey)
        index.set(indexKey, { orgId, accountId, numbers: [...(current?.numbers ?? []), number] })
        return { status: 'assigned' } as const
      }),
    unassign: (orgId, number) =>
      unit.write((t) => {
        const key = numberKey(orgId, number)
        const row = t.read<PhoneNumberRow>(SEAT_TABLES.numbers).get(key)
        if (!row) return { status: 'not-found' } as const
        if (row.accountId === null) return { status: 'not-assigned' } as const
        releaseNumber(t, row)
        t.write<PhoneNumberRow>(SEAT_TABLES.numbers).set(key, { ...row, accountId: null, assignedAt: null })
        return { status: 'unassigned', accountId: row.accountId } as const
      }),
    remove: (orgId, number) =>
      unit.write((t) => {
        const key = numberKey(orgId, number)
        const row = t.read<PhoneNumberRow>(SEAT_TABLES.numbers).get(key)
        if (!row) return null
        releaseNumber(t, row)
        t.write(SEAT_TABLES.numbers).delete(key)
        return copy<PhoneNumber>(row)
      }),
  }
}
