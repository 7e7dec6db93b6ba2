import type { MailTemplate } from '../domain/mail-message.js'
import type { TokenKind } from '../domain/token.js'
import type { MailTemplateData } from './templates/types.js'

/** @internal The templates that carry a single-use link, and the kind of token the link holds. */
export const LINK_TEMPLATES = {
  activation: 'activation',
  'password-reset': 'password-reset',
  'email-change-confirm': 'email-change',
} as const satisfies Partial<Record<MailTemplate, TokenKind>>

/** @internal A template whose mail carries a single-use link. */
export type LinkTemplate = keyof typeof LINK_TEMPLATES

/**
 * @internal The link a mail carries (X1): a token of the template's kind for `accountId`, valid
 * `ttlMs` from the use-case's time. `revokeOlder` first revokes the account's unused tokens of that
 * kind (A5, A9, A10: a fresh link replaces the old ones). `email` is the new address of an
 * `email-change` token (A7).
 */
export interface MailLink {
  accountId: string
  ttlMs: number
  email?: string
  revokeOlder?: boolean
}

/**
 * @internal A generated temporary password to mail (A4). The caller has already stored its hash on
 * the account; the plain value lives only in memory until the inline delivery.
 */
export interface MailTemporaryPassword {
  accountId: string
  password: string
}

type Envelope<K extends MailTemplate> = {
  orgId: string | null
  to: string
  template: K
  language: string
}

/** The secret fields of a template's data: minted by the write path, never passed in by a use-case. */
type SecretFields = 'token' | 'url' | 'expiresAt' | 'password'

type RequestOf<K extends MailTemplate> = K extends LinkTemplate
  ? Envelope<K> & { data: Omit<MailTemplateData[K], SecretFields>; link: MailLink }
  : K extends 'temporary-password'
    ? Envelope<K> & {
        data: Omit<MailTemplateData[K], 'password'>
        temporaryPassword: MailTemporaryPassword
      }
    : Envelope<K> & { data: MailTemplateData[K] }

/**
 * @internal A mail a use-case queues (`WriteScope.mail`), one member per template: its data is
 * checked against `MailTemplateData` at compile time, and a secret is described (`link`,
 * `temporaryPassword`), never written into the data by hand.
 */
export type MailRequest = { [K in MailTemplate]: RequestOf<K> }[MailTemplate]

/** @internal What queuing a mail tells the use-case: when its link expires (null without a link). */
export interface QueuedMail {
  expiresAt: Date | null
}
