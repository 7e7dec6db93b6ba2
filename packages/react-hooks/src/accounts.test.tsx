import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useAccount, useChangePassword, useRequestPasswordReset, useResetPassword } from './accounts.js'
import { PASSWORD, setupRoster } from './test-support.js'

describe('account and credential hooks', () => {
  it('resets a forgotten password through the mailed link, then changes it while signed in', async () => {
    const { roster, founder, mailer, wrapperFor } = await setupRoster()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        account: useAccount({ accountId: founder.accountId }),
        request: useRequestPasswordReset(),
        reset: useResetPassword(),
        change: useChangePassword(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.account.data?.email).toBe('fay@acme.test'))
    await act(() => result.current.request.mutateAsync({ email: 'fay@acme.test' }))
    await roster.outbox.drain() // public link requests deliver in the background
    const token = String(mailer.last('fay@acme.test')?.data.token)
    expect(mailer.last('fay@acme.test')?.template).toBe('password-reset')
    await act(() => result.current.reset.mutateAsync({ token, password: 'a brand new long password' }))
    expect(
      (
        await roster.credentials.verify({ username: 'fay@acme.test', password: 'a brand new long password' })
      ).isOk(),
    ).toBe(true)

    await act(async () => {
      await result.current.change
        .mutateAsync({ currentPassword: PASSWORD, newPassword: 'another long password' })
        .catch(() => undefined)
    })
    await waitFor(() => expect(result.current.change.error?.code).toBe('INVALID_CREDENTIALS'))
    await act(() =>
      result.current.change.mutateAsync({
        currentPassword: 'a brand new long password',
        newPassword: 'another long password',
      }),
    )
  })
})
