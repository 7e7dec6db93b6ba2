import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ROSTER_ERROR_CODES, ROSTER_ERRORS, isRosterError, rosterError } from './errors.js'

describe('errors', () => {
  it('every code has an HTTP status among those API.md allows', () => {
    for (const code of ROSTER_ERROR_CODES)
      expect([400, 401, 403, 404, 409, 422, 429, 503]).toContain(ROSTER_ERRORS[code].status)
  })

  it('docs/guides/errors.md documents every code', () => {
    const guide = readFileSync(new URL('../../../docs/guides/errors.md', import.meta.url), 'utf8')
    for (const code of ROSTER_ERROR_CODES) expect(guide, code).toContain(`| \`${code}\` |`)
  })

  it('rosterError defaults the message and isRosterError recognises only known codes', () => {
    expect(rosterError('ALREADY_MEMBER')).toEqual({
      code: 'ALREADY_MEMBER',
      message: ROSTER_ERRORS.ALREADY_MEMBER.message,
    })
    expect(isRosterError({ code: 'ALREADY_MEMBER', message: 'x' })).toBe(true)
    expect(isRosterError({ code: 'NOPE', message: 'x' })).toBe(false)
  })
})
