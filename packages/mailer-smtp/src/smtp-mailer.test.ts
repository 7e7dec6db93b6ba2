import type { AddressInfo } from 'node:net'
import { createRoster, type MailMessage, scryptPasswordHasher, systemActor } from '@roster/core'
import { memoryStorage } from '@roster/adapter-memory'
import { createFixedClock, withStorageFaults } from '@roster/core/testing'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { smtpMailer } from './smtp-mailer.js'

interface Received {
  from: string | undefined
  to: string[]
  mail: ParsedMail
}

/** An SMTP server on loopback, on a port the OS picks, keeping what it receives. */
async function startServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            mail,
          })
          callback()
        })
        .catch(callback)
    },
    ...options,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  servers.push(server)
  return { port, received }
}

const servers: SMTPServer[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  )
})

const message: MailMessage = {
  id: '0192f0a1b2c3000000aabbccddeeff',
  to: 'ada@example.com',
  subject: 'Ada, activez votre compte Acme Property',
  text: 'Bonjour Ada,\n\nActiver mon compte :\nhttps://app.example.com/activate?token=abc123\n',
  html: '<!doctype html><html lang="fr"><body><p>Bonjour Ada,</p><p><a href="https://app.example.com/activate?token=abc123">Activer mon compte</a></p></body></html>',
  template: 'activation',
  language: 'fr',
  data: { token: 'abc123', url: 'https://app.example.com/activate?token=abc123' },
}

describe('smtpMailer', () => {
  it('E3: delivers the text and HTML parts, the link and the Roster headers over SMTP', async () => {
    const { port, received } = await startServer()
    const mailer = smtpMailer({
      host: '127.0.0.1',
      port,
      from: { name: 'Acme Property', address: 'no-reply@acme.example' },
      headers: { 'List-Unsubscribe': '<mailto:unsubscribe@acme.example>' },
    })
    const result = await mailer.send(message)
    expect(result.id).toBe('<roster-0192f0a1b2c3000000aabbccddeeff@acme.example>')

    expect(received).toHaveLength(1)
    const [{ from, to, mail }] = received as [Received]
    expect(from).toBe('no-reply@acme.example')
    expect(to).toEqual(['ada@example.com'])
    expect(mail.from?.value).toEqual([{ name: 'Acme Property', address: 'no-reply@acme.example' }])
    expect(mail.subject).toBe('Ada, activez votre compte Acme Property')
    expect(mail.messageId).toBe('<roster-0192f0a1b2c3000000aabbccddeeff@acme.example>')
    expect(mail.headers.get('x-roster-template')).toBe('activation')
    expect(mail.headers.get('x-roster-message-id')).toBe(message.id)
    expect(mail.headers.get('content-language')).toBe('fr')
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated')
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <mailto:unsubscribe@acme.example>',
    )
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' })
    expect(mail.text).toBe(message.text)
    expect(mail.html).toContain(
      '<a href="https://app.example.com/activate?token=abc123">Activer mon compte</a>',
    )
  })

  it('E3: the same outbox message keeps the same Message-ID on a retry', async () => {
    const { port, received } = await startServer()
    const mailer = smtpMailer({ host: '127.0.0.1', port, from: 'no-reply@acme.example' })
    await mailer.send(message)
    await mailer.send(message)
    expect(received.map((r) => r.mail.messageId)).toEqual([
      '<roster-0192f0a1b2c3000000aabbccddeeff@acme.example>',
      '<roster-0192f0a1b2c3000000aabbccddeeff@acme.example>',
    ])
  })

  it('authenticates when given credentials; wrong credentials reject so the outbox retries', async () => {
    const { port, received } = await startServer({
      authOptional: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'roster' && auth.password === 's3cret') callback(null, { user: 'roster' })
        else callback(new Error('Invalid username or password'))
      },
    })
    const good = smtpMailer({
      host: '127.0.0.1',
      port,
      from: 'no-reply@acme.example',
      auth: { user: 'roster', pass: 's3cret' },
    })
    await expect(good.verify()).resolves.toBe(true)
    await good.send(message)
    expect(received).toHaveLength(1)

    const bad = smtpMailer({
      host: '127.0.0.1',
      port,
      from: 'no-reply@acme.example',
      auth: { user: 'roster', pass: 'nope' },
    })
    await expect(bad.send(message)).rejects.toThrow(/Invalid username or password/)
    expect(received).toHaveLength(1)
  })

  it('rejects when the server refuses the recipient or the data', async () => {
    const { port } = await startServer({
      onRcptTo(address, _session, callback) {
        if (address.address === 'gone@example.com') {
          const error = new Error('Mailbox unavailable') as Error & { responseCode: number }
          error.responseCode = 550
          callback(error)
        } else callback()
      },
    })
    const mailer = smtpMailer({ host: '127.0.0.1', port, from: 'no-reply@acme.example' })
    await expect(mailer.send({ ...message, to: 'gone@example.com' })).rejects.toThrow(/Mailbox unavailable/)
  })

  it('rejects when nothing listens (the outbox keeps the message)', async () => {
    const { port } = await startServer()
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()))
    const mailer = smtpMailer({
      host: '127.0.0.1',
      port,
      from: 'no-reply@acme.example',
      timeouts: { connection: 2000 },
    })
    await expect(mailer.send(message)).rejects.toThrow()
  })

  it('SP7: refuses a header value with a line break or control (header injection), sending nothing', async () => {
    const { port, received } = await startServer()
    const mailer = smtpMailer({ host: '127.0.0.1', port, from: 'no-reply@acme.example' })
    for (const bad of [
      { subject: 'Hello\r\nBcc: victim@example.com' },
      { subject: 'Hello\nthere' },
      { subject: 'NUL\u0000' },
      { to: 'ada@example.com\r\nBcc: victim@example.com' },
      { language: 'en\r\nX-Evil: 1' },
    ]) {
      await expect(mailer.send({ ...message, ...bad })).rejects.toThrow(/header injection/)
    }
    expect(received).toHaveLength(0)
    expect(() =>
      smtpMailer({ host: '127.0.0.1', port, from: 'no-reply@acme.example', headers: { 'X-A': 'a\r\nB: c' } }),
    ).toThrow(/header injection/)
    mailer.close()
  })

  it('refuses a from address without a domain unless messageIdDomain is set', () => {
    expect(() => smtpMailer({ host: '127.0.0.1', from: 'no-reply' })).toThrow(/messageIdDomain/)
    expect(() =>
      smtpMailer({ host: '127.0.0.1', from: 'no-reply', messageIdDomain: 'acme.example' }),
    ).not.toThrow()
  })

  it('A3, E3: a Roster on SMTP mails a French activation link that activates the account', async () => {
    const { port, received } = await startServer()
    const roster = createRoster({
      storage: memoryStorage(),
      mailer: smtpMailer({
        host: '127.0.0.1',
        port,
        from: { name: 'Acme', address: 'no-reply@acme.example' },
      }),
      clock: createFixedClock(),
      // Cheap scrypt parameters keep the test fast.
      passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
      baseUrl: 'https://people.acme.example',
    })
    const seed = systemActor('seed')
    const account = (
      await roster.accounts.signUp({
        email: 'jeanne@example.com',
        firstName: 'Jeanne',
        lastName: 'Dupont',
        language: 'fr',
      })
    )._unsafeUnwrap()
    expect(received).toHaveLength(1)
    const [{ mail, to }] = received as [Received]
    expect(to).toEqual(['jeanne@example.com'])
    expect(mail.subject).toBe('Jeanne, activez votre compte')
    expect(mail.headers.get('content-language')).toBe('fr')
    const link = /https:\/\/people\.acme\.example\/activate\?token=[\w-]+/.exec(mail.text ?? '')?.[0]
    expect(link).toBeDefined()
    expect(mail.html).toContain(`href="${link}"`)

    const token = new URL(String(link)).searchParams.get('token')!
    const activated = await roster.activation.activate({ token, password: 'a long enough password' })
    expect(activated._unsafeUnwrap()).toMatchObject({ id: account.id, status: 'active' })
    const org = await roster.orgs.create(seed, { name: 'Acme', founderId: account.id })
    expect(org.isOk()).toBe(true)
  })

  it('E3: through the outbox, the Message-ID is the outbox message id on every attempt; a failed markSent sends nothing twice', async () => {
    let refusals = 1
    const { port, received } = await startServer({
      onRcptTo(_address, _session, callback) {
        if (refusals-- > 0) {
          const error = new Error('Try again later') as Error & { responseCode: number }
          error.responseCode = 451
          callback(error)
        } else callback()
      },
    })
    const faults = withStorageFaults(memoryStorage())
    const clock = createFixedClock()
    const roster = createRoster({
      storage: faults.storage,
      mailer: smtpMailer({ host: '127.0.0.1', port, from: 'no-reply@acme.example' }),
      clock,
      passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
      outbox: { backoff: 1_000 },
    })
    // The first attempt is refused (451); the outbox retries it under the same Message-ID.
    ;(
      await roster.accounts.signUp({ email: 'ada@example.com', firstName: 'Ada', lastName: 'L' })
    )._unsafeUnwrap()
    expect(received).toHaveLength(0)
    const [queued] = await faults.storage.outbox.list({ limit: 10 })
    clock.advance(60_001)
    expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(1)
    expect(received.map((r) => r.mail.messageId)).toEqual([`<roster-${queued!.id}@acme.example>`])

    // The server accepts the next one, but recording that fails: it stays `sending`, and no later
    // pass sends it again.
    faults.failWhen((call) => call === 'outbox.markSent', 1)
    ;(
      await roster.accounts.signUp({ email: 'bob@example.com', firstName: 'Bob', lastName: 'B' })
    )._unsafeUnwrap()
    for (let pass = 0; pass < 3; pass++) {
      clock.advance('1h')
      expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(0)
    }
    const bob = (await faults.storage.outbox.list({ limit: 10 })).find((m) => m.to === 'bob@example.com')
    expect(bob?.status).toBe('sending')
    expect(received.filter((r) => r.to.includes('bob@example.com')).map((r) => r.mail.messageId)).toEqual([
      `<roster-${bob!.id}@acme.example>`,
    ])
  })
})
