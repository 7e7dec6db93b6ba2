// PATCH operations (RFC 7644 §3.5.2) on a resource's JSON, as Okta and Entra ID send them.
import { describe, expect, it } from 'vitest'
import { applyPatch, parsePath } from './patch.js'
import { ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA } from './schemas.js'

const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'a1',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  active: true,
})
const patch = (resource: Record<string, unknown>, ...Operations: unknown[]) =>
  applyPatch(resource, { schemas: [PATCH_OP_SCHEMA], Operations })
const scimType = (type: string) => expect.objectContaining({ status: 400, scimType: type })

describe('scim patch', () => {
  it('replace without a path: a value object, op in any case; the input is not changed', () => {
    const before = user()
    const next = patch(before, { op: 'Replace', value: { active: false, title: 'Engineer' } })
    expect(next).toMatchObject({ active: false, title: 'Engineer' })
    expect(before.active).toBe(true)
  })

  it('dotted keys and extension URNs in a value object are paths (Entra ID)', () => {
    const next = patch(user(), {
      op: 'replace',
      value: {
        'name.givenName': 'Augusta',
        [`${ENTERPRISE_USER_SCHEMA}:department`]: 'R&D',
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42' },
      },
    })
    expect(next.name).toEqual({ givenName: 'Augusta', familyName: 'Lovelace' })
    expect(next[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'R&D', employeeNumber: '42' })
  })

  it('value-path targets: replace the work email, add one when none matches, remove by filter', () => {
    const replaced = patch(user(), {
      op: 'replace',
      path: 'emails[type eq "work"].value',
      value: 'new@work.example',
    })
    expect(replaced.emails).toEqual([
      { value: 'new@work.example', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ])
    const bare = { ...user(), emails: [] }
    const added = patch(bare, { op: 'Add', path: 'emails[type eq "work"].value', value: 'x@work.example' })
    expect(added.emails).toEqual([{ type: 'work', value: 'x@work.example' }])
    expect(() =>
      patch(bare, { op: 'replace', path: 'emails[type eq "work"].value', value: 'x' }),
    ).toThrowError(scimType('noTarget'))
    const removed = patch(user(), { op: 'remove', path: 'emails[type eq "home"]' })
    expect(removed.emails).toEqual([{ value: 'ada@work.example', type: 'work', primary: true }])
  })

  it('paths: sub-attributes, extension attributes, add to a multi-valued attribute, remove', () => {
    const next = patch(
      user(),
      { op: 'add', path: 'name.middleName', value: 'King' },
      { op: 'add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: { value: 'm1' } },
      { op: 'add', path: 'phoneNumbers', value: [{ value: '+14155550100', type: 'work' }] },
      { op: 'add', path: 'phoneNumbers', value: [{ value: '+14155550100', type: 'work' }] },
      { op: 'remove', path: 'name.familyName' },
    )
    expect(next.name).toEqual({ givenName: 'Ada', middleName: 'King' })
    expect(next[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: 'm1' } })
    expect(next.phoneNumbers).toEqual([{ value: '+14155550100', type: 'work' }])
  })

  it('remove with a value list drops those values only', () => {
    const group = { members: [{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }] }
    expect(patch(group, { op: 'remove', path: 'members', value: [{ value: 'u2' }] }).members).toEqual([
      { value: 'u1' },
      { value: 'u3' },
    ])
    expect(patch(group, { op: 'remove', path: 'members[value eq "u3"]' }).members).toEqual([
      { value: 'u1' },
      { value: 'u2' },
    ])
  })

  it('read-only attributes are mutability errors; an echoed id is no change', () => {
    expect(() => patch(user(), { op: 'replace', path: 'id', value: 'b2' })).toThrowError(
      scimType('mutability'),
    )
    expect(() => patch(user(), { op: 'replace', value: { id: 'b2' } })).toThrowError(scimType('mutability'))
    expect(patch(user(), { op: 'replace', value: { id: 'a1', active: false } }).active).toBe(false)
  })

  it('malformed requests: no Operations, unknown op, remove without path, bad path, too many', () => {
    expect(() => applyPatch(user(), { schemas: [PATCH_OP_SCHEMA] })).toThrowError(scimType('invalidSyntax'))
    expect(() => patch(user(), { op: 'move', path: 'title' })).toThrowError(scimType('invalidSyntax'))
    expect(() => patch(user(), { op: 'remove' })).toThrowError(scimType('noTarget'))
    expect(() => patch(user(), { op: 'add', path: 'emails[type eq', value: 'x' })).toThrowError(
      scimType('invalidPath'),
    )
    expect(() => patch(user(), { op: 'add', path: 'a b', value: 'x' })).toThrowError(scimType('invalidPath'))
    const many = Array.from({ length: 1001 }, () => ({ op: 'add', path: 'title', value: 'x' }))
    expect(() => patch(user(), ...many)).toThrowError(scimType('tooMany'))
    expect(() => applyPatch(user(), { schemas: ['urn:other'], Operations: [] })).toThrowError(
      scimType('invalidSyntax'),
    )
  })

  it('parses the path grammar: URN prefix, value filter, sub-attribute', () => {
    expect(parsePath(`${ENTERPRISE_USER_SCHEMA}:manager.value`)).toEqual({
      urn: ENTERPRISE_USER_SCHEMA,
      attribute: 'manager',
      sub: 'value',
    })
    expect(parsePath('emails[type eq "work"].value')).toMatchObject({
      attribute: 'emails',
      sub: 'value',
      filter: { op: 'eq' },
    })
  })
})
