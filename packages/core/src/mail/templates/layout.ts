import type { RenderedMail } from './types.js'

/**
 * Escapes a value for HTML text and attribute values. Every variable a template puts in HTML goes
 * through it: names, org names and messages are typed by people and may hold markup.
 *
 * @example
 * escapeHtml('<b>Ada</b> & co') // '&lt;b&gt;Ada&lt;/b&gt; &amp; co'
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}

/** One block of a mail's body. */
export type MailBlock =
  /** A paragraph of plain text. */
  | string
  /** Labelled values shown prominently (a username and a temporary password). */
  | { fields: Array<[label: string, value: string]> }
  /** Someone's own words, quoted (a join request's message). */
  | { quote: string }

/** What a mail says, independent of its text or HTML form. */
export interface MailContent {
  /** BCP 47 tag of the mail's language, written into the HTML `lang` attribute. */
  language: string
  subject: string
  /** "Hello Ada," */
  greeting: string
  body: MailBlock[]
  /** The one thing to do: a button in HTML, a labelled link in text. */
  action?: { label: string; url: string }
  /** Shown under the button: "If the button does not work, paste this link…". */
  fallbackLinkText?: string
  /** Paragraphs after the action (expiry, "ignore this mail if…"). */
  after?: string[]
  /** Small print at the bottom. */
  footer?: string
  /** What follows a label in the text part: `':'` (default), `'\u00a0:'` in French. */
  colon?: string
}

const COLORS = { text: '#1f2328', muted: '#57606a', accent: '#2457d6', page: '#f4f5f7', card: '#ffffff' }
const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"

function blockText(block: MailBlock, colon: string): string {
  if (typeof block === 'string') return block
  if ('fields' in block) return block.fields.map(([label, value]) => `${label}${colon} ${value}`).join('\n')
  return block.quote
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

function blockHtml(block: MailBlock): string {
  if (typeof block === 'string') return `<p style="margin:0 0 16px">${escapeHtml(block)}</p>`
  if ('fields' in block) {
    const rows = block.fields
      .map(
        ([label, value]) =>
          `<tr><td style="padding:4px 16px 4px 0;color:${COLORS.muted}">${escapeHtml(label)}</td>` +
          `<td style="padding:4px 0;font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600">${escapeHtml(value)}</td></tr>`,
      )
      .join('\n')
    return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">\n${rows}\n</table>`
  }
  const lines = block.quote.split('\n').map(escapeHtml).join('<br>')
  return `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:3px solid ${COLORS.accent};color:${COLORS.muted}">${lines}</blockquote>`
}

/**
 * Renders a mail's content as plain text and as a small, self-contained HTML document (inline
 * styles only, one column, a button for the action and the raw link beneath it). The built-in
 * templates use it; a host's own templates may too.
 *
 * @example
 * const mail = mailLayout({
 *   language: 'en', subject: 'Welcome', greeting: 'Hello Ada,',
 *   body: ['Your account is ready.'], action: { label: 'Sign in', url: 'https://app.example.com' },
 * })
 */
export function mailLayout(content: MailContent): RenderedMail {
  const { action } = content
  const colon = content.colon ?? ':'
  const textParts = [content.greeting, ...content.body.map((block) => blockText(block, colon))]
  if (action) textParts.push(`${action.label}${colon}\n${action.url}`)
  textParts.push(...(content.after ?? []))
  if (content.footer) textParts.push(`--\n${content.footer}`)
  const text = `${textParts.filter((part) => part.length > 0).join('\n\n')}\n`

  const htmlParts = [
    `<p style="margin:0 0 16px">${escapeHtml(content.greeting)}</p>`,
    ...content.body.filter((block) => block !== '').map(blockHtml),
  ]
  if (action) {
    const href = escapeHtml(action.url)
    htmlParts.push(
      `<p style="margin:24px 0"><a href="${href}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${COLORS.accent};color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>`,
    )
    if (content.fallbackLinkText) {
      htmlParts.push(
        `<p style="margin:0 0 16px;font-size:13px;color:${COLORS.muted}">${escapeHtml(content.fallbackLinkText)}<br><a href="${href}" style="color:${COLORS.accent};word-break:break-all">${href}</a></p>`,
      )
    }
  }
  for (const paragraph of content.after ?? []) {
    htmlParts.push(`<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`)
  }
  if (content.footer) {
    htmlParts.push(
      `<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0 16px">`,
      `<p style="margin:0;font-size:12px;color:${COLORS.muted}">${escapeHtml(content.footer)}</p>`,
    )
  }
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(content.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:24px 0;background:${COLORS.page}">`,
    `<div style="max-width:560px;margin:0 auto;padding:32px 28px;background:${COLORS.card};border-radius:8px;font-family:${FONT};font-size:16px;line-height:1.5;color:${COLORS.text}">`,
    ...htmlParts,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
  return { subject: content.subject, text, html }
}

/** @internal A template variable as a trimmed string; '' when missing. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : value == null ? '' : String(value)
}

/**
 * @internal Formats an ISO instant as a date and time in UTC with the given month names, without
 * `Intl` (its output changes between ICU versions, and these texts are snapshot-tested).
 */
export function formatUtc(
  iso: unknown,
  months: readonly string[],
  pattern: (parts: { day: number; month: string; year: number; time: string }) => string,
): string {
  const date = new Date(str(iso))
  if (Number.isNaN(date.getTime())) return ''
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`
  return pattern({
    day: date.getUTCDate(),
    month: months[date.getUTCMonth()] ?? '',
    year: date.getUTCFullYear(),
    time,
  })
}
