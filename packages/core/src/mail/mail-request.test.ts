import { describe, expect, it } from 'vitest'
import type { MailRequest } from './mail-request.js'

describe('MailRequest', () => {
  it('E3: the data of each template is checked at compile time, and secrets are never passed by hand', () => {
    const envelope = { orgId: null, to: 'ada@example.com', language: 'en' } as const
    const requests: MailRequest[] = [
      { ...envelope, template: 'activation', data: { firstName: 'Ada' }, link: { accountId: 'a', ttlMs: 1 } },
      {
        ...envelope,
        template: 'temporary-password',
        data: { username: 'ada', url: 'https://x.test' },
        temporaryPassword: { accountId: 'a', password: 'p' },
      },
      { ...envelope, template: 'invitation', data: { orgName: 'Acme', url: 'https://x.test' } },
      // @ts-expect-error a link template's token is minted by the write path, not passed in
      { ...envelope, template: 'activation', data: { token: 't' }, link: { accountId: 'a', ttlMs: 1 } },
      // @ts-expect-error a link template needs its link
      { ...envelope, template: 'password-reset', data: {} },
      // @ts-expect-error the temporary password is not data
      { ...envelope, template: 'temporary-password', data: { username: 'a', url: 'u', password: 'p' } },
      // @ts-expect-error invitation requires orgName
      { ...envelope, template: 'invitation', data: { url: 'https://x.test' } },
    ]
    expect(requests).toHaveLength(7)
  })
})
