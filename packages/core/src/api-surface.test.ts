// Pins every public entry point's export list: a change to the public API shows up as a diff of
// the snapshot, reviewed like any other change (STYLE.md rule 8).
import { describe, expect, it } from 'vitest'

const entryPoints: Record<string, () => Promise<Record<string, unknown>>> = {
  '@roster/core': () => import('@roster/core'),
  '@roster/core/testing': () => import('@roster/core/testing'),
  '@roster/core/http': () => import('@roster/core/http'),
  '@roster/core/storage': () => import('@roster/core/storage'),
  '@roster/adapter-memory': () => import('@roster/adapter-memory'),
}

describe('public API surface', () => {
  for (const [name, load] of Object.entries(entryPoints)) {
    it(`${name} exports exactly the pinned names`, async () => {
      const exported = Object.keys(await load()).sort()
      expect(exported).toMatchSnapshot()
    })
  }
})
