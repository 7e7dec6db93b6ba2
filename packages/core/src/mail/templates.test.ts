import { describe, expect, it } from 'vitest'
import { MAIL_TEMPLATES, type MailTemplate } from '../domain/mail-message.js'
import { createTestRoster } from '@roster/test-support'
import {
  BUILT_IN_MAIL_TEMPLATES,
  type MailTemplateData,
  type MailTemplates,
  mergeMailTemplates,
  renderMail,
} from './templates.js'

const person = { firstName: 'Ada', lastName: 'Lovelace', username: 'ada@example.com' }
const link = (path: string) => `https://app.example.com${path}?token=tok_0123456789abcdef`

/** Representative data for each template, as the use-cases pass it. */
const SAMPLES: { [K in MailTemplate]: MailTemplateData[K] } = {
  activation: {
    ...person,
    orgName: 'Acme Property',
    token: 'tok_0123456789abcdef',
    url: link('/activate'),
    expiresAt: '2030-01-02T00:00:00.000Z',
  },
  'temporary-password': {
    ...person,
    orgName: 'Acme Property',
    password: 'Xk3mP9qRt7vW2yZa4bCd',
    url: 'https://app.example.com/',
  },
  invitation: { ...person, orgName: 'Acme Property', url: 'https://app.example.com/invitations' },
  'password-reset': {
    ...person,
    token: 'tok_0123456789abcdef',
    url: link('/reset-password'),
    expiresAt: '2030-03-01T13:05:00.000Z',
  },
  'email-change-confirm': {
    ...person,
    newEmail: 'ada@newmail.example',
    token: 'tok_0123456789abcdef',
    url: link('/confirm-email'),
    expiresAt: '2030-01-01T01:00:00.000Z',
  },
  'email-changed-notice': { ...person, newEmail: 'ada@newmail.example' },
  'join-request-received': {
    firstName: 'Fay',
    lastName: 'Founder',
    orgName: 'Acme Property',
    requesterName: 'Bob Builder',
    requesterEmail: 'bob@example.com',
    message: 'Hi! I run the night shift.\nCan I join?',
    url: 'https://app.example.com/orgs/acme/join-requests',
  },
  'sign-up-attempt': {
    ...person,
    email: 'ada@example.com',
    status: 'active',
    url: 'https://app.example.com/',
  },
  'join-request-decided': {
    ...person,
    orgName: 'Acme Property',
    decision: 'denied',
    reason: 'We only take staff from the main office.',
  },
}

describe('built-in mail templates', () => {
  for (const language of ['en', 'fr'] as const) {
    for (const template of MAIL_TEMPLATES) {
      it(`E3: ${template} in ${language} matches its snapshot (text and HTML)`, async () => {
        const { rendered, language: used } = renderMail(
          BUILT_IN_MAIL_TEMPLATES,
          template,
          language,
          SAMPLES[template],
        )
        expect(used).toBe(language)
        await expect(`Subject: ${rendered.subject}\n\n${rendered.text}`).toMatchFileSnapshot(
          `./__snapshots__/${language}/${template}.txt`,
        )
        await expect(rendered.html).toMatchFileSnapshot(`./__snapshots__/${language}/${template}.html`)
      })

      it(`E3: ${template} in ${language} names the person and the org, and links from baseUrl`, () => {
        const data = SAMPLES[template] as Record<string, unknown>
        const { rendered } = renderMail(BUILT_IN_MAIL_TEMPLATES, template, language, data)
        // The subject names the person the mail is about; the greeting names the reader.
        const about = template === 'join-request-received' ? data.requesterName : data.firstName
        expect(rendered.subject).toContain(String(about))
        expect(rendered.text.split('\n')[0]).toContain(String(data.firstName))
        if (data.orgName) {
          expect(rendered.subject).toContain('Acme Property')
          expect(rendered.text).toContain('Acme Property')
        }
        if (typeof data.url === 'string') {
          expect(rendered.text).toContain(data.url)
          expect(rendered.html).toContain(`href="${data.url}"`)
        }
        expect(rendered.html).toContain(`<html lang="${language}">`)
      })
    }
  }

  it('E3: the approved join-request decision reads differently from the denied one, in both languages', () => {
    const approved = {
      ...SAMPLES['join-request-decided'],
      decision: 'approved' as const,
      url: 'https://a.example/',
    }
    const en = renderMail(BUILT_IN_MAIL_TEMPLATES, 'join-request-decided', 'en', approved).rendered
    const fr = renderMail(BUILT_IN_MAIL_TEMPLATES, 'join-request-decided', 'fr', approved).rendered
    expect(en.subject).toBe('Ada, welcome to Acme Property')
    expect(fr.subject).toBe('Ada, bienvenue chez Acme Property')
    expect(en.html).toContain('href="https://a.example/"')
  })

  it('escapes markup typed into names, org names and messages', () => {
    const { rendered } = renderMail(BUILT_IN_MAIL_TEMPLATES, 'join-request-received', 'en', {
      ...SAMPLES['join-request-received'],
      orgName: '<script>alert(1)</script>',
      requesterName: 'Eve "<img src=x>"',
      message: '<b>hi</b> & bye',
    })
    expect(rendered.html).not.toContain('<script>')
    expect(rendered.html).not.toContain('<img')
    expect(rendered.html).not.toContain('<b>hi')
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(rendered.html).toContain('&lt;b&gt;hi&lt;/b&gt; &amp; bye')
    // The text part is plain text: nothing to escape there.
    expect(rendered.text).toContain('<b>hi</b> & bye')
  })

  it('SP7: nothing from a field reaches the subject as a line break, control or bidi character', () => {
    const hostile = {
      ...SAMPLES.activation,
      firstName: 'Ada\r\nBcc: victim@example.com',
      orgName: 'Acme\u202E\u0000\nCorp',
    }
    for (const language of ['en', 'fr']) {
      const { subject } = renderMail(BUILT_IN_MAIL_TEMPLATES, 'activation', language, hostile).rendered
      expect(subject).not.toMatch(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u)
      expect(subject).toContain('Ada Bcc: victim@example.com')
    }
    // A host's own template is made header-safe the same way.
    const templates = mergeMailTemplates({
      en: {
        invitation: (d) => ({ subject: `Join ${String(d.orgName)}\r\nX-Evil: 1`, text: 't', html: 'h' }),
      },
    })
    const { subject } = renderMail(templates, 'invitation', 'en', SAMPLES.invitation).rendered
    expect(subject).toBe('Join Acme Property X-Evil: 1')
  })

  it('copes with missing optional data: no name, no org (self sign-up), no expiry', () => {
    const { rendered } = renderMail(BUILT_IN_MAIL_TEMPLATES, 'activation', 'fr', {
      token: 't',
      url: 'https://app.example.com/activate?token=t',
    })
    expect(rendered.subject).toBe('Activez votre compte')
    expect(rendered.text).toContain('Bonjour,')
    expect(rendered.text).not.toContain('undefined')
    expect(rendered.html).not.toContain('undefined')
  })
})

describe('renderMail language choice', () => {
  it('E3: falls back from a regional tag to its base language (fr-CA → fr)', () => {
    const { language, rendered } = renderMail(
      BUILT_IN_MAIL_TEMPLATES,
      'invitation',
      'fr-CA',
      SAMPLES.invitation,
    )
    expect(language).toBe('fr')
    expect(rendered.subject).toContain('ajouté·e à Acme Property')
  })

  it('E3: falls back to English for a language without templates', () => {
    const { language, rendered } = renderMail(BUILT_IN_MAIL_TEMPLATES, 'invitation', 'de', SAMPLES.invitation)
    expect(language).toBe('en')
    expect(rendered.subject).toBe('Ada, you were added to Acme Property')
  })

  it('matches language tags case-insensitively', () => {
    expect(renderMail(BUILT_IN_MAIL_TEMPLATES, 'invitation', 'FR', SAMPLES.invitation).language).toBe('fr')
  })
})

describe('mail.templates overrides', () => {
  const germanActivation: MailTemplates = {
    de: {
      activation: (d) => ({
        subject: `${d.firstName}, aktivieren Sie Ihr Konto`,
        text: `Hallo ${d.firstName}: ${d.url}`,
        html: `<a href="${d.url}">Aktivieren</a>`,
      }),
    },
  }

  it('E3: a host overrides one template of one language and keeps the other built-ins', () => {
    const merged = mergeMailTemplates({
      fr: { invitation: (d) => ({ subject: `Invitation ${d.orgName}`, text: 'x', html: 'x' }) },
    })
    expect(renderMail(merged, 'invitation', 'fr', SAMPLES.invitation).rendered.subject).toBe(
      'Invitation Acme Property',
    )
    expect(renderMail(merged, 'activation', 'fr', SAMPLES.activation).rendered.subject).toBe(
      'Ada, activez votre compte Acme Property',
    )
  })

  it('E3: a host adds a language; its missing templates fall back to English', () => {
    const merged = mergeMailTemplates(germanActivation)
    expect(renderMail(merged, 'activation', 'de', SAMPLES.activation)).toMatchObject({
      language: 'de',
      rendered: { subject: 'Ada, aktivieren Sie Ihr Konto' },
    })
    expect(renderMail(merged, 'invitation', 'de', SAMPLES.invitation).language).toBe('en')
  })

  it('refuses an unknown template name at configuration time', () => {
    expect(() =>
      mergeMailTemplates({ en: { welcome: () => ({ subject: '', text: '', html: '' }) } } as never),
    ).toThrow(/unknown template "welcome"/)
  })

  it('E3: createRoster uses the host templates for mail it sends', async () => {
    const { roster, mailer, orgWithFounder } = createTestRoster({ mail: { templates: germanActivation } })
    const { org, founder } = await orgWithFounder()
    ;(
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'hans@example.com',
        firstName: 'Hans',
        lastName: 'Muster',
        language: 'de',
      })
    )._unsafeUnwrap()
    const mail = mailer.last('hans@example.com')!
    expect(mail.language).toBe('de')
    expect(mail.subject).toBe('Hans, aktivieren Sie Ihr Konto')
    expect(mail.text).toContain(String(mail.data.url))
  })
})

describe('mail language (A3)', () => {
  it('A3: a French account gets its activation mail in French, naming the org and the person', async () => {
    const { roster, mailer, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme Property')
    ;(
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'jeanne@example.com',
        firstName: 'Jeanne',
        lastName: 'Dupont',
        language: 'fr',
      })
    )._unsafeUnwrap()
    const mail = mailer.last('jeanne@example.com')!
    expect(mail.template).toBe('activation')
    expect(mail.language).toBe('fr')
    expect(mail.subject).toBe('Jeanne, activez votre compte Acme Property')
    expect(mail.text).toContain('Acme Property vous a créé un compte, Jeanne Dupont.')
    expect(mail.text).toContain(String(mail.data.url))
    expect(mail.text).toContain('expire le 2 janvier 2030 à 00:00 UTC')
    expect(mail.html).toContain('<html lang="fr">')
  })

  it('A3: a French self sign-up gets French mail; an account without a language gets English', async () => {
    const { roster, mailer } = createTestRoster()
    await roster.accounts.signUp({
      email: 'luc@example.com',
      firstName: 'Luc',
      lastName: 'Martin',
      language: 'fr',
    })
    await roster.accounts.signUp({ email: 'ann@example.com', firstName: 'Ann', lastName: 'Smith' })
    expect(mailer.last('luc@example.com')).toMatchObject({
      language: 'fr',
      subject: 'Luc, activez votre compte',
    })
    expect(mailer.last('ann@example.com')).toMatchObject({
      language: 'en',
      subject: 'Ann, activate your account',
    })
  })

  it('A3: links in mail are built from baseUrl', async () => {
    const { roster, mailer } = createTestRoster({ baseUrl: 'https://people.example.org' })
    await roster.accounts.signUp({ email: 'luc@example.com', firstName: 'Luc', lastName: 'Martin' })
    const mail = mailer.last('luc@example.com')!
    expect(String(mail.data.url)).toMatch(/^https:\/\/people\.example\.org\/activate\?token=/)
    expect(mail.html).toContain(`href="${String(mail.data.url)}"`)
  })
})
