import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildApp } from './build-app.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The staff-admin app, built once for every e2e file (empty when the global setup did not run). */
    staffAdminAppDir: string
  }
}

/**
 * The e2e project's global setup: the Vite build of the demo app takes ~10 s on a loaded machine,
 * so it runs once, and every flow file serves the same files from its own demo server.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-app-'))
  await buildApp(dir)
  project.provide('staffAdminAppDir', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
