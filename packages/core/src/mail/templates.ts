import { MAIL_TEMPLATES, type MailTemplate } from '../domain/mail-message.js'
import { ENGLISH_TEMPLATES } from './templates/en.js'
import { FRENCH_TEMPLATES } from './templates/fr.js'
import type { MailTemplateRenderer, MailTemplates, RenderedMail } from './templates/types.js'

export { ENGLISH_TEMPLATES } from './templates/en.js'
export { FRENCH_TEMPLATES } from './templates/fr.js'
export { escapeHtml, mailLayout, type MailBlock, type MailContent } from './templates/layout.js'
export type {
  CompleteMailTemplateSet,
  MailRecipientData,
  MailTemplateData,
  MailTemplateRenderer,
  MailTemplates,
  MailTemplateSet,
  RenderedMail,
} from './templates/types.js'

/** The languages Roster ships templates for (E3). */
export const BUILT_IN_MAIL_TEMPLATES: MailTemplates = { en: ENGLISH_TEMPLATES, fr: FRENCH_TEMPLATES }

/**
 * @internal Merges the host's templates over the built-in ones, template by template, so a host
 * can override one mail of one language and keep the rest. Throws on a template name Roster does
 * not mail (a misconfiguration the types catch in TypeScript but not in JavaScript).
 */
export function mergeMailTemplates(overrides: MailTemplates = {}): MailTemplates {
  const merged: MailTemplates = {}
  for (const [language, set] of Object.entries(BUILT_IN_MAIL_TEMPLATES)) merged[language] = { ...set }
  for (const [language, set] of Object.entries(overrides)) {
    for (const [name, renderer] of Object.entries(set ?? {})) {
      if (!(MAIL_TEMPLATES as readonly string[]).includes(name))
        throw new Error(`Roster: mail.templates.${language} has unknown template "${name}"`)
      if (typeof renderer !== 'function')
        throw new Error(`Roster: mail.templates.${language}.${name} must be a function`)
    }
    const key = findLanguage(merged, language) ?? language
    merged[key] = { ...merged[key], ...set }
  }
  return merged
}

/** The key of `templates` matching `language` case-insensitively (`fr-ca` finds `fr-CA`). */
function findLanguage(templates: MailTemplates, language: string): string | undefined {
  if (language in templates) return language
  const wanted = language.toLowerCase()
  return Object.keys(templates).find((key) => key.toLowerCase() === wanted)
}

/**
 * Picks the template for a language and renders it: the exact language (`fr-CA`), then its base
 * language (`fr`), then English (E3). Returns the language actually used, which the outbox records.
 */
export function renderMail(
  templates: MailTemplates,
  template: MailTemplate,
  language: string,
  data: Record<string, unknown>,
): { rendered: RenderedMail; language: string } {
  const base = language.split('-')[0] ?? language
  for (const candidate of [language, base]) {
    const key = findLanguage(templates, candidate)
    const renderer = key === undefined ? undefined : templates[key]?.[template]
    if (key !== undefined && renderer) {
      return { rendered: headerSafe((renderer as MailTemplateRenderer)(data as never)), language: key }
    }
  }
  const english = (templates.en?.[template] ?? ENGLISH_TEMPLATES[template]) as MailTemplateRenderer
  return { rendered: headerSafe(english(data as never)), language: 'en' }
}

// Line breaks, other controls and bidi controls: what must never reach a mail header (SP7).
const HEADER_UNSAFE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu

/**
 * @internal The subject as a header may carry it (SP7): every run of line breaks, control or bidi
 * characters becomes one space, so nothing from a field — a name typed before the string policy,
 * a host template's own text — can start a new header line (`Bcc:`) or reorder the subject.
 */
function headerSafe(rendered: RenderedMail): RenderedMail {
  const subject = rendered.subject.replace(HEADER_UNSAFE, ' ').replace(/ {2,}/g, ' ').trim()
  return subject === rendered.subject ? rendered : { ...rendered, subject }
}
