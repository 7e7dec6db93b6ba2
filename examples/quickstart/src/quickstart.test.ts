import { expect, it } from 'vitest'
import { runQuickstart } from './quickstart.js'

it('the quickstart creates an org, adds two people and activates one through the mailed link', async () => {
  const lines: string[] = []
  const members = await runQuickstart((line) => lines.push(line))
  expect(members.map((m) => [m.email, m.membershipStatus])).toEqual([
    ['fay@acme.test', 'active'],
    ['ada@acme.test', 'active'],
    ['grace@acme.test', 'invited'],
  ])
  expect(lines.join('\n')).toContain('Members:')
})
