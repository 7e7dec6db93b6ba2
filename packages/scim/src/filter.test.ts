// SCIM filters (RFC 7644 §3.4.2.2): scim2-parse-filter's parser, evaluated here with SCIM's
// case rules. The property test generates filter trees, prints them, and checks the parser gives
// the same tree back and the evaluator follows boolean logic (not, De Morgan).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { equalityOn, type Filter, matches, parseFilter } from './filter.js'

const ada = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'Acc-1',
  externalId: 'Ext-1',
  userName: 'Ada@Example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  title: 'Engineer',
  active: true,
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D', employeeNumber: '42' },
  meta: { created: '2026-01-02T03:04:05.000Z', lastModified: '2026-02-01T00:00:00.000Z' },
}

const test = (filter: string) => matches(ada, parseFilter(filter))

describe('scim filters', () => {
  it('every operator, userName ignoring case, id and externalId exactly', () => {
    expect(test('userName eq "ada@example.com"')).toBe(true)
    expect(test('USERNAME Eq "ADA@EXAMPLE.COM"')).toBe(true)
    expect(test('userName ne "ada@example.com"')).toBe(false)
    expect(test('userName co "example"')).toBe(true)
    expect(test('userName sw "ada@"')).toBe(true)
    expect(test('userName ew ".COM"')).toBe(true)
    expect(test('title pr')).toBe(true)
    expect(test('nickName pr')).toBe(false)
    expect(test('id eq "Acc-1"')).toBe(true)
    expect(test('id eq "acc-1"')).toBe(false)
    expect(test('externalId eq "ext-1"')).toBe(false)
    expect(test('name.familyName gt "K"')).toBe(true)
    expect(test('name.familyName lt "K"')).toBe(false)
    expect(test('name.familyName ge "lovelace"')).toBe(true)
    expect(test('name.familyName le "lovelace"')).toBe(true)
  })

  it('and, or, not with precedence and parentheses', () => {
    expect(test('title eq "Engineer" and userName sw "bob"')).toBe(false)
    expect(test('title eq "Engineer" or userName sw "bob"')).toBe(true)
    expect(test('userName sw "bob" or title eq "x" and active eq true')).toBe(false)
    expect(test('(userName sw "bob" or title eq "Engineer") and active eq true')).toBe(true)
    expect(test('not (title eq "Engineer")')).toBe(false)
    expect(test('not (title eq "Boss") and active eq true')).toBe(true)
  })

  it('value paths, multi-valued attributes, extension attributes by URN', () => {
    expect(test('emails[type eq "work" and value co "@work"]')).toBe(true)
    expect(test('emails[type eq "work" and value co "@home"]')).toBe(false)
    expect(test('emails co "home.example"')).toBe(true)
    expect(test('emails.value eq "ADA@HOME.EXAMPLE"')).toBe(true)
    expect(test('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "r&d"')).toBe(true)
  })

  it('booleans also as strings, dateTimes as instants', () => {
    expect(test('active eq true')).toBe(true)
    expect(test('active eq "True"')).toBe(true)
    expect(test('active eq "false"')).toBe(false)
    expect(test('meta.lastModified gt "2026-01-15T00:00:00Z"')).toBe(true)
    expect(test('meta.created lt "2026-01-02T03:04:05Z"')).toBe(false)
    expect(test('meta.created eq "2026-01-02T03:04:05Z"')).toBe(true)
  })

  it('a malformed filter is 400 invalidFilter', () => {
    for (const bad of ['userName eq', 'userName zz "x"', '(userName eq "x"', 'userName eq "x" and', '"x"']) {
      expect(() => parseFilter(bad)).toThrowError(
        expect.objectContaining({ status: 400, scimType: 'invalidFilter' }),
      )
    }
  })

  it('known limit of scim2-parse-filter: a negative number followed by more filter is refused, never misread', () => {
    // Its tokenizer takes `-1` only at the end of the text. No User attribute is numeric, so this
    // costs nothing real; it fails safe (400 invalidFilter), which this pins.
    expect(() => parseFilter('not (x eq -1)')).toThrowError(
      expect.objectContaining({ scimType: 'invalidFilter' }),
    )
    expect(parseFilter('x eq -1')).toEqual({ op: 'eq', attrPath: 'x', compValue: -1 })
  })

  it('finds the indexed equality the IdPs send before a POST, alone or under and', () => {
    expect(equalityOn(parseFilter('userName eq "x@y.z"'), 'userName')).toBe('x@y.z')
    expect(equalityOn(parseFilter('active eq true and userName eq "x"'), 'userName')).toBe('x')
    expect(equalityOn(parseFilter('userName eq "x" or title eq "y"'), 'userName')).toBeUndefined()
    expect(equalityOn(parseFilter('not (userName eq "x")'), 'userName')).toBeUndefined()
  })

  // Generated trees of the filter grammar, printed with every sub-expression in parentheses so
  // the printed text has exactly one parse: the tree itself.
  const attribute = fc.constantFrom(
    'userName',
    'title',
    'name.familyName',
    'active',
    'nickName',
    'emails.value',
  )
  const value = fc.oneof(
    fc.constantFrom('Ada', 'engineer', 'lace', '@work', 'x"y', 'a\\b'),
    fc.boolean(),
    fc.nat(),
  )
  const compare = fc.record({
    op: fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'),
    attrPath: attribute,
    compValue: value,
  }) as fc.Arbitrary<Filter>
  const presence = fc.record({ op: fc.constant('pr'), attrPath: attribute }) as fc.Arbitrary<Filter>
  const { tree } = fc.letrec<{ tree: Filter }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      compare,
      presence,
      fc.record({ op: fc.constant('not'), filter: tie('tree') }) as fc.Arbitrary<Filter>,
      fc.record({
        op: fc.constantFrom('and', 'or'),
        filters: fc.array(tie('tree'), { minLength: 2, maxLength: 3 }),
      }) as fc.Arbitrary<Filter>,
    ),
  }))
  const print = (f: Filter): string => {
    switch (f.op) {
      case 'and':
      case 'or':
        return f.filters.map((part) => `(${print(part)})`).join(` ${f.op} `)
      case 'not':
        return `not (${print(f.filter)})`
      case 'pr':
        return `${f.attrPath} pr`
      case '[]':
        return `${f.attrPath}[${print(f.valFilter)}]`
      default:
        return `${f.attrPath} ${f.op} ${JSON.stringify(f.compValue)}`
    }
  }
  const runs = Number(process.env.ROSTER_PROPERTY_RUNS ?? 300)

  it('property: parsing a printed filter gives the filter back', () => {
    fc.assert(
      fc.property(tree, (f) => {
        expect(parseFilter(print(f))).toEqual(f)
      }),
      { numRuns: runs },
    )
  })

  it('property: not negates, De Morgan holds, and/or agree with every/some', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const A = matches(ada, a)
        const B = matches(ada, b)
        expect(matches(ada, parseFilter(`not (${print(a)})`))).toBe(!A)
        expect(matches(ada, parseFilter(`(${print(a)}) and (${print(b)})`))).toBe(A && B)
        expect(matches(ada, parseFilter(`(${print(a)}) or (${print(b)})`))).toBe(A || B)
        expect(matches(ada, parseFilter(`not ((${print(a)}) or (${print(b)}))`))).toBe(!A && !B)
      }),
      { numRuns: runs },
    )
  })
})
