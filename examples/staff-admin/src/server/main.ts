import { startDemo } from './app.js'

const port = Number(process.env.PORT ?? 3000)
const demo = await startDemo({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.ROSTER_DATA_DIR,
  storage: process.env.ROSTER_STORAGE === 'memory' ? 'memory' : 'postgres',
  trustProxy: process.env.ROSTER_TRUST_PROXY === '1',
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use. Start the demo on another one: PORT=${port + 1} pnpm demo`)
    process.exit(1)
  }
  throw error
})

console.log(`
  Roster staff-admin demo

  Open      ${demo.url}
  Sign in   ${demo.login.username}  /  ${demo.login.password}
  Mailbox   ${demo.url}/mailbox   (mail the demo "sends": a development aid for admins of the
            demo org, with other people's sign-in links — never deploy it)
  SCIM      ${demo.url}/scim/v2   (the base URL for Okta or Entra ID; the token comes from a SCIM
            connection an org admin creates)
  Storage   ${demo.storage.label}

  Ctrl-C to stop.
`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0))
  })
}
