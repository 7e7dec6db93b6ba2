// Test harness (not part of the package's API): starts a PgBouncer of its own in front of the test
// server, on an ephemeral loopback port, with its config in a temp dir. Tests that need one skip
// with a message when the binary is missing (`.ci/run` installs Debian's `pgbouncer`).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The pgbouncer binary, when installed (`ROSTER_PGBOUNCER` overrides the lookup). */
export const PGBOUNCER_BINARY: string | undefined = [
  process.env.ROSTER_PGBOUNCER,
  '/usr/sbin/pgbouncer',
  '/usr/bin/pgbouncer',
  '/usr/local/bin/pgbouncer',
].find((path): path is string => path !== undefined && path !== '' && existsSync(path))

/** `PgBouncer 1.18.0` → `1.18.0`, or undefined when not installed. */
export function pgbouncerVersion(): string | undefined {
  if (!PGBOUNCER_BINARY) return undefined
  const out = execFileSync(PGBOUNCER_BINARY, ['-V'], { encoding: 'utf8' })
  return /PgBouncer\s+(\d+\.\d+(?:\.\d+)?)/.exec(out)?.[1]
}

/** Why a PgBouncer test is skipped, or undefined when it can run. */
export function pgbouncerSkipReason(databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return 'PgBouncer tests need ROSTER_TEST_DATABASE_URL (a real server behind it)'
  if (!PGBOUNCER_BINARY) return 'PgBouncer tests skipped: no pgbouncer binary (apt-get install pgbouncer)'
  return undefined
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}

export interface RunningPgbouncer {
  mode: 'session' | 'transaction'
  /** A connection string to the target database through this PgBouncer. */
  url: string
  stop(): Promise<void>
}

/**
 * Starts `pgbouncer` in `mode` in front of `databaseUrl` (auth `any`: PgBouncer logs in to the
 * server as the URL's user; the server trusts loopback). Resolves once it listens.
 */
export async function startPgbouncer(
  databaseUrl: string,
  mode: 'session' | 'transaction',
  { poolSize = 4 }: { poolSize?: number } = {},
): Promise<RunningPgbouncer> {
  if (!PGBOUNCER_BINARY) throw new Error('pgbouncer is not installed')
  const target = new URL(databaseUrl)
  const database = target.pathname.slice(1) || 'postgres'
  const user = decodeURIComponent(target.username || 'postgres')
  const dir = mkdtempSync(join(tmpdir(), 'roster-pgbouncer-'))
  // PgBouncer refuses to run as root; as root it is started with `-u nobody`, who must read this.
  chmodSync(dir, 0o755)
  const port = await freePort()
  const ini = join(dir, 'pgbouncer.ini')
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432} user=${user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      `pool_mode = ${mode}`,
      'max_client_conn = 500',
      `default_pool_size = ${poolSize}`,
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  )
  const args = process.getuid?.() === 0 ? ['-u', 'nobody', ini] : [ini]
  const child: ChildProcess = spawn(PGBOUNCER_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes('listening on')) resolve()
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`pgbouncer exited (${code}): ${log}`)))
    setTimeout(() => reject(new Error(`pgbouncer did not start: ${log}`)), 10_000).unref()
  })
  await listening
  const url = `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`
  return {
    mode,
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
