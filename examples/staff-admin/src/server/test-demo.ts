import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scryptPasswordHasher } from '@roster/core'
import { afterEach } from 'vitest'
import { type Demo, type DemoOptions, startDemo } from './app.js'

// Test support for the demo server's tests (not a test file): each test starts its own demo on a
// free loopback port, on memory storage, with cheap scrypt parameters (about 0.4 s to seed).

const running: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of running.splice(0)) await stop()
})

/** A seeded account of the demo that can sign in (see `seed.ts`). */
export const ADA = { username: 'ada@acme.test', password: 'a long staff password' } as const
export const JOE = { username: 'joe@example.test', password: 'a long requester password' } as const

export interface TestDemo extends Demo {
  /** A POST as the demo's own React app sends it: JSON, same origin; `client` picks the X-Forwarded-For. */
  post(path: string, body: unknown, options?: { cookie?: string; client?: string }): Promise<Response>
  /** Signs in and returns the `Cookie` header value of the new session. */
  signIn(login: { username: string; password: string }, client?: string): Promise<string>
}

/** Starts a fresh demo that is closed after the test. `trustProxy` is on, so tests can play many clients. */
export async function freshDemo(options: DemoOptions = {}): Promise<TestDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'roster-demo-'))
  // A stand-in for the Vite build, so `/` and the app's pages answer 200 as in a real run.
  const appDir = join(dataDir, 'app')
  mkdirSync(join(appDir, 'assets'), { recursive: true })
  writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>Roster demo</title>')
  writeFileSync(join(appDir, 'assets', 'app.js'), 'console.log("demo")')
  const demo = await startDemo({
    port: 0,
    dataDir,
    storage: 'memory',
    appDir,
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
    trustProxy: true,
    ...options,
  })
  running.push(async () => {
    await demo.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  const post: TestDemo['post'] = (path, body, { cookie, client } = {}) =>
    fetch(`${demo.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: demo.url,
        ...(cookie ? { cookie } : {}),
        ...(client ? { 'x-forwarded-for': client } : {}),
      },
      body: JSON.stringify(body),
    })
  return {
    ...demo,
    post,
    async signIn(login, client) {
      const response = await post('/auth/sign-in', login, client ? { client } : {})
      if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`)
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!
    },
  }
}
