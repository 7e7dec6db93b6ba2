import { describe, expect, it } from 'vitest'
import { describeAction } from './format.js'

describe('describeAction', () => {
  it('reads an audit action in words, every part kept (a three-part SCIM action is not cut to two)', () => {
    expect(describeAction('member.added')).toBe('Member added')
    expect(describeAction('join-request.approved')).toBe('Join request approved')
    expect(describeAction('scim.group.members-changed')).toBe('Scim group members changed')
  })
})
