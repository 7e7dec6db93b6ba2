import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('mailed links', () => {
  it('A3: keep the path of baseUrl (an app mounted under /app)', async () => {
    const { roster, mailer } = createTestRoster({ baseUrl: 'https://example.test/app' })
    await roster.accounts.signUp({ email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace' })
    const url = new URL(String(mailer.last('ada@example.test')?.data.url))
    expect(url.origin + url.pathname).toBe('https://example.test/app/activate')
    expect(url.searchParams.get('token')).toBe(mailer.last('ada@example.test')?.data.token)
  })
})
