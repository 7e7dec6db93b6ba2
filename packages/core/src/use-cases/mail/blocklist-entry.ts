import * as z from 'zod'
import { textPolicyIssue } from '../../domain/text-policy.js'
import type { BlocklistEntry } from '../../ports/storage.js'

/** A blocklisted address as admins see it (A11). */
export interface BlocklistEntryView {
  /** The address, normalized (trimmed, NFC, lower-case). */
  email: string
  kind: 'bounce' | 'complaint'
  createdAt: string
}

/** @internal */
export function toBlocklistEntryView(entry: BlocklistEntry): BlocklistEntryView {
  return { email: entry.emailKey, kind: entry.kind, createdAt: entry.createdAt.toISOString() }
}

/** @internal The opaque cursor of a blocklist page: base64url of the last address shown or scanned. */
export function encodeBlocklistCursor(emailKey: string): string {
  return Buffer.from(emailKey, 'utf8').toString('base64url')
}

/** @internal A blocklist cursor input that parses to the address it holds; anything else is `VALIDATION`. */
export const BlocklistCursor = z
  .string()
  .min(1)
  .max(400)
  .transform((cursor, context) => {
    const key = Buffer.from(cursor, 'base64url').toString('utf8')
    if (
      key.length === 0 ||
      key.length > 254 ||
      encodeBlocklistCursor(key) !== cursor ||
      // A decoded NUL or unpaired surrogate would reach the database (SP1): no cursor of ours holds one.
      textPolicyIssue(key, 'key') !== null
    ) {
      context.addIssue({ code: 'custom', message: 'Not a valid cursor' })
      return z.NEVER
    }
    return key
  })
