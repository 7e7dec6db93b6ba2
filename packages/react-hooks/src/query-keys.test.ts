import { expect, it } from 'vitest'
import { rosterKeys } from './query-keys.js'

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  JSON.stringify(key.slice(0, prefix.length)) === JSON.stringify(prefix)

it('nests member keys under their org so invalidating an org prefix covers its lists and details', () => {
  const prefix = rosterKeys.members('o1')
  expect(startsWith(rosterKeys.memberList('o1', { search: 'ada' }), prefix)).toBe(true)
  expect(startsWith(rosterKeys.member('o1', 'a1'), prefix)).toBe(true)
  expect(startsWith(rosterKeys.member('o2', 'a1'), prefix)).toBe(false)
})

it('nests every org-scoped key under rosterKeys.org', () => {
  const org = rosterKeys.org('o1')
  for (const key of [
    rosterKeys.orgDetail('o1'),
    rosterKeys.roles('o1'),
    rosterKeys.resourceList('o1', { type: 'building' }),
    rosterKeys.departments('o1'),
    rosterKeys.joinRequestList('o1'),
    rosterKeys.licenseSummary('o1'),
    rosterKeys.numberList('o1', { status: 'available' }),
    rosterKeys.connections('o1'),
    rosterKeys.auditList('o1'),
  ]) {
    expect(startsWith(key, org), JSON.stringify(key)).toBe(true)
  }
})

it('keeps orgId, cursor and undefined filters out of list keys', () => {
  expect(
    rosterKeys.memberList('o1', { orgId: 'o1', search: undefined, cursor: 'c', status: 'active' }),
  ).toEqual(['roster', 'org', 'o1', 'members', 'list', { status: 'active' }])
})
