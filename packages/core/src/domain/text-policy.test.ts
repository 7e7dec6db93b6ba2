import { describe, expect, it } from 'vitest'
import { OrgName, PersonName, Username } from './schemas.js'
import { normalizeText, policedText, TEXT_POLICY_MESSAGES, textPolicyIssue } from './text-policy.js'

describe('the string policy', () => {
  it.each([
    ['NUL', 'Ada\u0000', TEXT_POLICY_MESSAGES.control],
    ['a C1 control', 'Ada\u0085x', TEXT_POLICY_MESSAGES.control],
    ['a line break in a name', 'Ada\r\nBcc: x', TEXT_POLICY_MESSAGES.lineBreak],
    ['a line separator', 'Ada\u2028x', TEXT_POLICY_MESSAGES.lineBreak],
    ['an unpaired high surrogate', 'Ada\ud83d', TEXT_POLICY_MESSAGES.unpairedSurrogate],
    ['an unpaired low surrogate', '\ude00Ada', TEXT_POLICY_MESSAGES.unpairedSurrogate],
    ['a right-to-left override', 'invoice\u202Efdp.exe', TEXT_POLICY_MESSAGES.bidi],
    ['a bidi isolate', 'Ada\u2066x', TEXT_POLICY_MESSAGES.bidi],
    ['zero-width only', '\u200B\u200C\u2060', TEXT_POLICY_MESSAGES.nothingVisible],
    ['a Hangul filler only', '\u3164\u3164', TEXT_POLICY_MESSAGES.nothingVisible],
    ['combining marks only', '\u0301\u0302', TEXT_POLICY_MESSAGES.nothingVisible],
    ['31 combining marks in a row', `q${'\u0301'.repeat(31)}`, TEXT_POLICY_MESSAGES.combining],
  ])('SP1–SP3: refuses %s in a name', (_, value, message) => {
    expect(textPolicyIssue(value, 'line')).toBe(message)
    expect(PersonName.safeParse(value).error?.issues[0]?.message).toBe(message)
  })

  it.each([
    ['a Persian name with ZWNJ', 'می\u200Cخواهم'],
    ['an emoji ZWJ sequence', 'Team 👩\u200D💻'],
    ['a Hebrew name with RLM', 'דוד\u200F Levi'],
    ['a name with combining marks', 'Zoe\u0308'],
    ['a name with a no-break space', 'Jean\u00a0Luc'],
  ])('SP1–SP3: keeps %s', (_, value) => {
    expect(textPolicyIssue(normalizeText(value, 'line'), 'line')).toBeNull()
    expect(PersonName.safeParse(value).success).toBe(true)
  })

  it('SP2: free text keeps tabs and line breaks (CR LF becomes LF) and refuses other controls', () => {
    const Message = policedText('multiline', { min: 0, max: 1000 })
    expect(Message.parse('Hi,\r\n\tcan I join?\rThanks')).toBe('Hi,\n\tcan I join?\nThanks')
    expect(Message.safeParse('Hi\u0007').success).toBe(false)
    expect(Message.parse('')).toBe('')
  })

  it('SP3: identifiers refuse every invisible character, direction marks included', () => {
    expect(textPolicyIssue('auth0|abc\u200E', 'key')).toBe(TEXT_POLICY_MESSAGES.invisible)
    expect(textPolicyIssue('a\u200Bb', 'key')).toBe(TEXT_POLICY_MESSAGES.invisible)
    expect(textPolicyIssue('auth0|abc', 'key')).toBeNull()
    expect(Username.safeParse('\u3164\u3164\u3164').success).toBe(false)
  })

  it('SP4: stores NFC, so canonically equal spellings are one value, and counts length after it', () => {
    expect(OrgName.parse(' Cafe\u0301 ')).toBe('Caf\u00e9')
    expect(Username.parse('zoe\u0308')).toBe('zo\u00eb')
    expect(OrgName.parse('Caf\u00e9')).toBe(OrgName.parse('Cafe\u0301'))
    expect(policedText('line', { max: 4 }).safeParse('Cafe\u0301').success).toBe(true)
  })
})
