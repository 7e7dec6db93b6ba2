import { execFileSync } from 'node:child_process'
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

it('runs as a plain Node script (outside vitest), as the README demo command does', () => {
  // Guards against core entry points that only load under a test runner.
  const output = execFileSync('npx', ['tsx', '--conditions=@roster/source', 'src/main.ts'], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
  })
  expect(output).toContain('Members:')
  expect(output).toContain('Ada Lovelace')
})
