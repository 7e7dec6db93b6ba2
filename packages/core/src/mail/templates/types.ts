import type { MailTemplate } from '../../domain/mail-message.js'

/** What a template renders to. */
export interface RenderedMail {
  subject: string
  text: string
  html: string
}

/** The person a mail is addressed to, as the use-cases pass it. */
export type MailRecipientData = {
  firstName?: string
  lastName?: string
  username?: string
}

/**
 * The variables each template receives (the `data` of the `MailMessage`). The core's own mail is
 * checked against it at compile time (`WriteScope.mail`); host templates must cope with a missing
 * optional one. Dates are ISO-8601 strings. `token`, `url` (of a link template) and `password` are
 * minted when the mail is delivered and are never stored in the outbox.
 */
export interface MailTemplateData {
  /** A new account's activation link (A3); `orgName` is absent for a self sign-up. */
  activation: MailRecipientData & { orgName?: string; token: string; url: string; expiresAt?: string }
  /** A generated temporary password (A4); `url` is where to sign in. */
  'temporary-password': MailRecipientData & {
    orgName?: string
    username: string
    password: string
    url: string
  }
  /** An existing account was added to another org (A2b). */
  invitation: MailRecipientData & { orgName: string; url: string }
  /** A password-reset link (A15). */
  'password-reset': MailRecipientData & { token: string; url: string; expiresAt?: string }
  /** A link to the new address that confirms an email change (A7, `emailChange: 'verify'`). */
  'email-change-confirm': MailRecipientData & {
    orgName?: string
    token: string
    url: string
    newEmail?: string
    expiresAt?: string
  }
  /** Sent to the old address after an email change (A7). */
  'email-changed-notice': MailRecipientData & { orgName?: string; oldEmail?: string; newEmail: string }
  /** To an org admin: someone asks to join (J1). `firstName` is the admin's. */
  'join-request-received': MailRecipientData & {
    orgName: string
    requesterName: string
    requesterEmail?: string
    message?: string | null
    requestId?: string
    url?: string
  }
  /**
   * To the owner of an address someone tried to sign up with (EN1): sign-up answers as for a new
   * address, and this mail, not the answer, tells that an account exists. `status` is the
   * account's, so a pending account is pointed to its activation instead of signing in.
   */
  'sign-up-attempt': MailRecipientData & {
    email: string
    status: 'pending_activation' | 'active' | 'disabled'
    url: string
  }
  /** To the requester: the decision on their join request (J2). */
  'join-request-decided': MailRecipientData & {
    orgName: string
    decision: 'approved' | 'denied'
    reason?: string | null
    requestId?: string
    url?: string
  }
}

/**
 * A template: a pure function of its data. Overridable per language through
 * `createRoster({ mail: { templates } })`.
 */
export type MailTemplateRenderer<K extends MailTemplate = MailTemplate> = (
  data: MailTemplateData[K] & Record<string, unknown>,
) => RenderedMail

/** One language's templates, by template name. */
export type MailTemplateSet = { [K in MailTemplate]?: MailTemplateRenderer<K> }

/**
 * Templates by language (BCP 47: `en`, `fr`, `fr-CA`), then by template name. A host's templates
 * are merged over the built-in ones template by template; a language without a template falls back
 * to its base language (`fr-CA` → `fr`), then to English.
 *
 * @example
 * createRoster({
 *   storage, mailer,
 *   mail: {
 *     templates: {
 *       de: { activation: (d) => ({ subject: `Willkommen, ${d.firstName}`, text: d.url, html: `<a href="${d.url}">Aktivieren</a>` }) },
 *     },
 *   },
 * })
 */
export type MailTemplates = Record<string, MailTemplateSet>

/** A complete language: every template. */
export type CompleteMailTemplateSet = { [K in MailTemplate]: MailTemplateRenderer<K> }
