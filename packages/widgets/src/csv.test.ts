import { describe, expect, it } from 'vitest'
import { parseStaffCsv, toCsv } from './csv.js'

describe('parseStaffCsv', () => {
  it('A14: keeps a quoted comma inside its field (RFC 4180)', () => {
    const { people } = parseStaffCsv(
      'email,first name,last name,title\njo@acme.test,Jo,"Smith, Jr.","Lead, Ops"',
    )
    expect(people).toEqual([
      expect.objectContaining({
        email: 'jo@acme.test',
        firstName: 'Jo',
        lastName: 'Smith, Jr.',
        title: 'Lead, Ops',
      }),
    ])
  })

  it('A14: numbers each person by the line of the file it starts on, header and blank lines counted', () => {
    const text =
      'email,first name,last name\n\na@acme.test,A,One\n"b@acme.test","B","Two\nlines"\nc@acme.test,C,Three'
    expect(parseStaffCsv(text).people.map((p) => [p.email, p.line])).toEqual([
      ['a@acme.test', 3],
      ['b@acme.test', 4],
      ['c@acme.test', 6],
    ])
  })

  it('A14: finds columns by their header names in any order, French names too', () => {
    const { people, missingHeader } = parseStaffCsv('nom,prénom,courriel\nCurie,Marie,marie@acme.test')
    expect(missingHeader).toBe(false)
    expect(people[0]).toMatchObject({ email: 'marie@acme.test', firstName: 'Marie', lastName: 'Curie' })
  })

  it('A14: says so when the first line names no columns', () => {
    expect(parseStaffCsv('jo@acme.test,Jo,Smith').missingHeader).toBe(true)
  })

  it('A14: writes failed rows back quoted, so they read back the same', () => {
    const first = parseStaffCsv('email,first name,last name\njo@acme.test,Jo,"Smith, Jr."')
    const again = parseStaffCsv(
      toCsv(
        first.header,
        first.people.map((p) => p.cells),
      ),
    )
    expect(again.people[0]).toMatchObject({ lastName: 'Smith, Jr.', line: 2 })
  })
})
