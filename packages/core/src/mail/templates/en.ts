import { formatUtc, mailLayout, str } from './layout.js'
import type { CompleteMailTemplateSet, MailRecipientData } from './types.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

const expiry = (iso: unknown) =>
  formatUtc(iso, MONTHS, ({ day, month, year, time }) => `${month} ${day}, ${year} at ${time} UTC`)

const greeting = (d: MailRecipientData) => (str(d.firstName) ? `Hello ${str(d.firstName)},` : 'Hello,')
/** "Ada, " before a subject, or nothing; the subject then starts with a capital. */
const subjectFor = (d: MailRecipientData, subject: string) =>
  str(d.firstName) ? `${str(d.firstName)}, ${subject}` : subject.charAt(0).toUpperCase() + subject.slice(1)
const fullName = (d: MailRecipientData) => [str(d.firstName), str(d.lastName)].filter(Boolean).join(' ')

const FALLBACK = 'If the button does not work, copy this link into your browser:'
const linkExpires = (iso: unknown) => {
  const at = expiry(iso)
  return at ? `This link works once and expires on ${at}.` : 'This link works once.'
}

/** The built-in English templates. */
export const ENGLISH_TEMPLATES: CompleteMailTemplateSet = {
  activation: (d) => {
    const org = str(d.orgName)
    return mailLayout({
      language: 'en',
      subject: subjectFor(d, org ? `activate your ${org} account` : 'activate your account'),
      greeting: greeting(d),
      body: [
        org
          ? `${org} created an account for you${fullName(d) ? `, ${fullName(d)}` : ''}. Choose a password to activate it.`
          : 'Welcome! Choose a password to activate your new account.',
        ...(str(d.username) ? [`Your username is ${str(d.username)}.`] : []),
      ],
      action: { label: 'Activate my account', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      after: [linkExpires(d.expiresAt)],
      footer: 'If you did not expect this email, you can ignore it: nothing happens until the link is used.',
    })
  },

  'temporary-password': (d) => {
    const org = str(d.orgName)
    return mailLayout({
      language: 'en',
      subject: subjectFor(d, org ? `your ${org} account is ready` : 'your account is ready'),
      greeting: greeting(d),
      body: [
        org
          ? `${org} created an account for you${fullName(d) ? `, ${fullName(d)}` : ''}. Sign in with this username and temporary password:`
          : 'An account was created for you. Sign in with this username and temporary password:',
        {
          fields: [
            ['Username', str(d.username)],
            ['Temporary password', str(d.password)],
          ],
        },
        'You will choose your own password when you first sign in.',
      ],
      action: { label: 'Sign in', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      footer: 'Keep this email private, and delete it once you have chosen your own password.',
    })
  },

  invitation: (d) => {
    const org = str(d.orgName)
    return mailLayout({
      language: 'en',
      subject: subjectFor(d, `you were added to ${org}`),
      greeting: greeting(d),
      body: [
        `${org} added you${fullName(d) ? ` (${fullName(d)})` : ''} to its organization, using the account you already have.`,
        'Sign in to accept or decline the invitation.',
      ],
      action: { label: 'View the invitation', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      footer: `If you do not know ${org}, decline the invitation or ignore this email.`,
    })
  },

  'password-reset': (d) =>
    mailLayout({
      language: 'en',
      subject: subjectFor(d, 'reset your password'),
      greeting: greeting(d),
      body: [
        str(d.username)
          ? `Someone asked to reset the password of your account ${str(d.username)}.`
          : 'Someone asked to reset the password of your account.',
        'Use the link below to choose a new one.',
      ],
      action: { label: 'Choose a new password', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      after: [linkExpires(d.expiresAt)],
      footer: 'If you did not ask for this, ignore this email: your password stays the same.',
    }),

  'email-change-confirm': (d) =>
    mailLayout({
      language: 'en',
      subject: subjectFor(d, 'confirm your new email address'),
      greeting: greeting(d),
      body: [
        str(d.newEmail)
          ? `Confirm that ${str(d.newEmail)} is the new email address of your account${str(d.username) ? ` ${str(d.username)}` : ''}.`
          : 'Confirm the new email address of your account.',
        'Your address changes only once you use this link.',
      ],
      action: { label: 'Confirm my email address', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      after: [linkExpires(d.expiresAt)],
      footer: 'If you did not ask for this change, ignore this email: your address stays the same.',
    }),

  'email-changed-notice': (d) =>
    mailLayout({
      language: 'en',
      subject: subjectFor(d, 'your email address was changed'),
      greeting: greeting(d),
      body: [
        `The email address of your account${str(d.username) ? ` ${str(d.username)}` : ''} was changed to ${str(d.newEmail)}.`,
        'From now on, mail about your account goes to the new address. This is the last message sent to this one.',
      ],
      footer: 'If you did not make this change, contact your administrator at once.',
    }),

  'join-request-received': (d) => {
    const org = str(d.orgName)
    const requester = str(d.requesterName) || str(d.requesterEmail) || 'Someone'
    const message = str(d.message)
    return mailLayout({
      language: 'en',
      subject: `${requester} asks to join ${org}`,
      greeting: greeting(d),
      body: [
        `${requester}${str(d.requesterEmail) && str(d.requesterName) ? ` (${str(d.requesterEmail)})` : ''} asked to join ${org}.`,
        ...(message ? ['Their message:', { quote: message }] : []),
        'You can approve the request, as an employee or a guest, or deny it.',
      ],
      ...(str(d.url)
        ? { action: { label: 'Review the request', url: str(d.url) }, fallbackLinkText: FALLBACK }
        : {}),
      footer: `You receive this email because you decide on join requests for ${org}.`,
    })
  },

  'join-request-decided': (d) => {
    const org = str(d.orgName)
    const approved = d.decision === 'approved'
    const reason = str(d.reason)
    return mailLayout({
      language: 'en',
      subject: subjectFor(d, approved ? `welcome to ${org}` : `your request to join ${org}`),
      greeting: greeting(d),
      body: approved
        ? [`Good news: your request to join ${org} was approved. You are now a member.`]
        : [
            `Your request to join ${org} was declined.`,
            ...(reason ? ['The reason given:', { quote: reason }] : []),
          ],
      ...(approved && str(d.url)
        ? { action: { label: `Open ${org}`, url: str(d.url) }, fallbackLinkText: FALLBACK }
        : {}),
    })
  },
  'sign-up-attempt': (d) =>
    mailLayout({
      language: 'en',
      subject: subjectFor(d, 'someone tried to sign up with your email address'),
      greeting: greeting(d),
      body: [
        `Someone tried to create a new account with ${str(d.email) || 'your email address'}. It already belongs to your account${str(d.username) && str(d.username) !== str(d.email) ? ` (username ${str(d.username)})` : ''}, so no new account was created.`,
        str(d.status) === 'pending_activation'
          ? 'If it was you: your account is not activated yet. Use the activation link we mailed you, or ask for a new one on the sign-in page.'
          : 'If it was you: sign in instead, or use “Forgot password” on the sign-in page to choose a new password.',
      ],
      action: { label: 'Go to sign in', url: str(d.url) },
      fallbackLinkText: FALLBACK,
      footer: 'If it was not you, ignore this email: nothing changed on your account.',
    }),
}
