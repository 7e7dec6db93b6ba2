import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useAuditLog } from './audit.js'
import { useMember } from './members.js'
import {
  useAssignLicense,
  useAssignNumber,
  useCreatePool,
  useImportNumbers,
  useLicenseSummary,
  useNumbers,
  useUnassignNumber,
} from './seats.js'
import { present, withAda } from './test-support.js'

describe('licenses', () => {
  it('creates a pool, assigns a seat, and reports NO_SEATS_AVAILABLE with its code when none is left', async () => {
    const { orgId, accountId, founder, wrapperFor } = await withAda()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        summary: useLicenseSummary({ orgId }),
        member: useMember({ orgId, accountId }),
        createPool: useCreatePool(),
        assign: useAssignLicense(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.summary.isSuccess).toBe(true))
    await act(() => result.current.createPool.mutateAsync({ orgId, product: 'one-office', seats: 1 }))
    await act(() => result.current.assign.mutateAsync({ orgId, product: 'one-office', accountId }))
    await waitFor(() =>
      expect(result.current.summary.data?.products.find((p) => p.product === 'one-office')).toMatchObject({
        seats: 1,
        assigned: 1,
        available: 0,
      }),
    )
    await waitFor(() => expect(result.current.member.data?.licenses).toEqual(['one-office']))
    await act(async () => {
      await result.current.assign
        .mutateAsync({ orgId, product: 'one-office', accountId: founder.accountId })
        .catch(() => undefined)
    })
    await waitFor(() => expect(result.current.assign.error?.code).toBe('NO_SEATS_AVAILABLE'))
  })
})

describe('numbers', () => {
  it('imports numbers, assigns one to a member with a phone-line seat, and takes it back', async () => {
    const { orgId, accountId, roster, founder, wrapperFor } = await withAda()
    ;(await roster.licenses.createPool(founder, { orgId, product: 'phone-line', seats: 2 }))._unsafeUnwrap()
    const { Wrapper } = wrapperFor()
    const { result } = renderHook(
      () => ({
        available: useNumbers({ orgId, status: 'available' }),
        member: useMember({ orgId, accountId }),
        importNumbers: useImportNumbers(),
        assign: useAssignNumber(),
        unassign: useUnassignNumber(),
        log: useAuditLog({ orgId, targetId: accountId }),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.available.isSuccess).toBe(true))
    const report = await act(() =>
      result.current.importNumbers.mutateAsync({ orgId, numbers: ['+1 415 555 2671', '+1 415 555 2672'] }),
    )
    expect(report.imported).toHaveLength(2)
    await waitFor(() => expect(result.current.available.data?.pages[0]?.items).toHaveLength(2))
    const number = present(result.current.available.data?.pages[0]?.items[0]).number
    await act(() => result.current.assign.mutateAsync({ orgId, number, accountId }))
    await waitFor(() => expect(result.current.member.data?.numbers).toEqual([number]))
    await waitFor(() => expect(result.current.available.data?.pages[0]?.items).toHaveLength(1))
    await act(() => result.current.unassign.mutateAsync({ orgId, number }))
    await waitFor(() => expect(result.current.member.data?.numbers).toEqual([]))
    await waitFor(() => expect(result.current.log.data?.pages[0]?.items.length).toBeGreaterThan(0))
  })
})
