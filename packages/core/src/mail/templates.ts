import type { MailTemplate } from '../domain/mail-message.js'

/** What a template renders to. */
export interface RenderedMail {
  subject: string
  text: string
  html: string
}

/** A template: a function of its data. Overridable per language through `createRoster({ mail: { templates } })`. */
export type MailTemplateRenderer = (data: Record<string, unknown>) => RenderedMail

/** Templates by language, then by template name. */
export type MailTemplates = Record<string, Partial<Record<MailTemplate, MailTemplateRenderer>>>

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** Plain text plus a minimal HTML rendering of the same paragraphs, with the link clickable. */
function plain(subject: string, paragraphs: string[], link?: unknown): RenderedMail {
  const text = [...paragraphs, ...(link ? [String(link)] : [])].join('\n\n')
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
  ].join('\n')
  return { subject, text, html }
}

const who = (d: Record<string, unknown>) => String(d.firstName ?? '').trim() || 'there'
const org = (d: Record<string, unknown>) => String(d.orgName ?? 'your organization')

/** The built-in English templates. Plain on purpose; the mail issue makes them rich and bilingual. */
export const ENGLISH_TEMPLATES: Record<MailTemplate, MailTemplateRenderer> = {
  activation: (d) =>
    plain(
      `Activate your ${org(d)} account`,
      [`Hello ${who(d)},`, `You were added to ${org(d)}. Choose a password to activate your account:`],
      d.url,
    ),
  'temporary-password': (d) =>
    plain(`Your ${org(d)} account`, [
      `Hello ${who(d)},`,
      `You were added to ${org(d)}. Sign in with username ${String(d.username)} and this temporary password, then choose your own: ${String(d.password)}`,
    ]),
  invitation: (d) =>
    plain(
      `You were added to ${org(d)}`,
      [`Hello ${who(d)},`, `${org(d)} added you. Sign in to accept or decline the invitation.`],
      d.url,
    ),
  'password-reset': (d) =>
    plain(
      'Reset your password',
      [`Hello ${who(d)},`, 'Use this link to choose a new password. If you did not ask, ignore this mail.'],
      d.url,
    ),
  'email-change-confirm': (d) =>
    plain(
      'Confirm your new email address',
      [`Hello ${who(d)},`, 'Use this link to confirm your new email address:'],
      d.url,
    ),
  'email-changed-notice': (d) =>
    plain('Your email address was changed', [
      `Hello ${who(d)},`,
      `The email address of your account was changed to ${String(d.newEmail)}. If this was not you, contact your administrator.`,
    ]),
  'join-request-received': (d) =>
    plain(
      `${String(d.requesterName)} asks to join ${org(d)}`,
      [`${String(d.requesterName)} asked to join ${org(d)}.`, String(d.message ?? '')],
      d.url,
    ),
  'join-request-decided': (d) =>
    plain(`Your request to join ${org(d)}`, [
      `Hello ${who(d)},`,
      `Your request to join ${org(d)} was ${String(d.decision)}.`,
      String(d.reason ?? ''),
    ]),
}

/** Picks the template for a language, falling back to English (E3). */
export function renderMail(
  templates: MailTemplates,
  template: MailTemplate,
  language: string,
  data: Record<string, unknown>,
): { rendered: RenderedMail; language: string } {
  const base = language.toLowerCase().split('-')[0] ?? 'en'
  for (const candidate of [language, base]) {
    const renderer = templates[candidate]?.[template]
    if (renderer) return { rendered: renderer(data), language: candidate }
  }
  return { rendered: (templates.en?.[template] ?? ENGLISH_TEMPLATES[template])(data), language: 'en' }
}
