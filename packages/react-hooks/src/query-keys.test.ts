import { expect, it } from 'vitest'
import { rosterKeys } from './query-keys.js'

it('nests member keys under their org so invalidating an org prefix covers its lists and details', () => {
  const prefix = rosterKeys.members('o1')
  expect(rosterKeys.memberList('o1', { search: 'ada' }).slice(0, prefix.length)).toEqual(prefix)
  expect(rosterKeys.member('o1', 'a1').slice(0, prefix.length)).toEqual(prefix)
  expect(rosterKeys.member('o2', 'a1').slice(0, prefix.length)).not.toEqual(prefix)
})
