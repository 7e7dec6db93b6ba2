import type { MemberView } from '@roster/core'
import {
  useAssignLicense,
  useAssignNumber,
  useAuditLog,
  useLicenseSummary,
  useUnassignLicense,
  useUnassignNumber,
} from '@roster/react'
import { useState } from 'react'
import { describeAction, formatDateTime, formatPhone } from './format.js'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import { useAvailableNumbers } from './org-data.js'
import { ConfirmDialog, NoticeLine, QueryState, useNotice } from './ui.js'

/** Props of {@link MemberSeats}. */
export interface MemberSeatsProps {
  orgId: string
  member: MemberView
  /** The product whose seat a phone number takes (`policy.numberProduct`). Default `phone-line`. */
  numberProduct?: string
}

/**
 * One member's license seats and phone numbers. A failure (another admin took the last seat)
 * shows here, and the seat counts are fetched again so they tell the truth. Giving a number says
 * first that it takes a seat.
 *
 * @example
 * ```tsx
 * <MemberSeats orgId={orgId} member={member} />
 * ```
 */
export function MemberSeats({ orgId, member, numberProduct = 'phone-line' }: MemberSeatsProps) {
  const { t, productName, locale } = useWidgets()
  const summary = useLicenseSummary({ orgId })
  const assignLicense = useAssignLicense()
  const unassignLicense = useUnassignLicense()
  const assignNumber = useAssignNumber()
  const unassignNumber = useUnassignNumber()
  const canLicense = member.allowedActions.includes('assignLicense')
  const canNumber = member.allowedActions.includes('assignNumber')
  const { numbers: available, refetch: refetchNumbers } = useAvailableNumbers(orgId, canNumber)
  const [pick, setPick] = useState('')
  const [confirmNumber, setConfirmNumber] = useState<string | null>(null)
  const seatsNotice = useNotice()
  const numbersNotice = useNotice()
  const name = fullName(member)
  const input = { orgId, accountId: member.accountId }
  const numberPool = summary.data?.products.find((p) => p.product === numberProduct)
  const freeLineSeats = numberPool?.available ?? 0
  const lineName = productName(numberProduct)
  // After a refusal the counts on screen are stale (someone else took the seat): ask again.
  const refresh = () => {
    void summary.refetch()
    void refetchNumbers()
  }

  return (
    <>
      <section className="rw-section" aria-labelledby="rw-seats-title">
        <h3 id="rw-seats-title">{t('seats.title')}</h3>
        {member.type === 'guest' ? <p className="rw-muted">{t('seats.guests')}</p> : null}
        <NoticeLine notice={seatsNotice.notice} />
        <QueryState query={summary} isEmpty={summary.data?.products.length === 0} empty={t('seats.none')}>
          <ul className="rw-list">
            {summary.data?.products.map((p) => {
              const holds = member.licenses.includes(p.product)
              const product = productName(p.product)
              return (
                <li key={p.product}>
                  <span>
                    <strong>{product}</strong>{' '}
                    <span className="rw-muted rw-small">
                      {t('seats.free', { available: p.available, seats: p.seats })}
                      {p.required ? ` · ${t('seats.required')}` : ''}
                    </span>
                  </span>
                  {holds ? <span className="rw-badge rw-ok">{t('seats.assigned')}</span> : null}
                  {canLicense && member.type === 'employee' ? (
                    holds ? (
                      <button
                        type="button"
                        className="rw-button rw-small"
                        aria-label={t('seats.freeLabel', { product, name })}
                        onClick={() =>
                          unassignLicense.mutate(
                            { ...input, product: p.product },
                            {
                              onSuccess: () => seatsNotice.notify(t('seats.freed', { product, name })),
                              onError: seatsNotice.fail,
                            },
                          )
                        }
                      >
                        {t('seats.free.button')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="rw-button rw-small"
                        aria-label={t('seats.assignLabel', { product, name })}
                        onClick={() =>
                          assignLicense.mutate(
                            { ...input, product: p.product },
                            {
                              onSuccess: () => seatsNotice.notify(t('seats.given', { name, product })),
                              onError: (error) => {
                                seatsNotice.fail(error)
                                refresh()
                              },
                            },
                          )
                        }
                      >
                        {t('seats.assign')}
                      </button>
                    )
                  ) : null}
                </li>
              )
            })}
          </ul>
        </QueryState>
      </section>

      <section className="rw-section" aria-labelledby="rw-numbers-title">
        <h3 id="rw-numbers-title">{t('numbers.title')}</h3>
        <NoticeLine notice={numbersNotice.notice} />
        {member.numbers.length === 0 ? <p className="rw-muted">{t('numbers.none')}</p> : null}
        <ul className="rw-list">
          {member.numbers.map((number) => (
            <li key={number}>
              <span className="rw-mono">{formatPhone(number)}</span>
              {canNumber ? (
                <button
                  type="button"
                  className="rw-button rw-small"
                  aria-label={t('numbers.unassignLabel', { number: formatPhone(number), name })}
                  onClick={() =>
                    unassignNumber.mutate(
                      { orgId, number },
                      {
                        onSuccess: () =>
                          numbersNotice.notify(t('numbers.freed', { number: formatPhone(number) })),
                        onError: numbersNotice.fail,
                      },
                    )
                  }
                >
                  {t('numbers.unassign')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {canNumber && member.type === 'employee' ? (
          <form
            className="rw-inline-form"
            onSubmit={(e) => {
              e.preventDefault()
              const number = pick || available[0]?.number
              if (number) setConfirmNumber(number)
            }}
          >
            <div className="rw-field">
              <label htmlFor="rw-assign-number">{t('numbers.available')}</label>
              <select id="rw-assign-number" value={pick} onChange={(e) => setPick(e.target.value)}>
                {available.length === 0 ? <option value="">{t('numbers.noneAvailable')}</option> : null}
                {available.map((n) => (
                  <option key={n.number} value={n.number}>
                    {formatPhone(n.number)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className="rw-button rw-small"
              disabled={available.length === 0 || freeLineSeats === 0 || assignNumber.isPending}
              aria-describedby={freeLineSeats === 0 ? 'rw-number-no-seat' : undefined}
            >
              {t('numbers.assign')}
            </button>
            {summary.isSuccess && freeLineSeats === 0 ? (
              <p id="rw-number-no-seat" className="rw-hint">
                {t('numbers.noSeat', { product: lineName })}
              </p>
            ) : null}
          </form>
        ) : null}
      </section>
      {confirmNumber ? (
        <ConfirmDialog
          title={t('numbers.seatTitle', { name, product: lineName })}
          description={t('numbers.seatText', {
            product: lineName,
            name,
            number: formatPhone(confirmNumber),
            available: freeLineSeats,
          })}
          confirmLabel={t('numbers.seatConfirm', { number: formatPhone(confirmNumber) })}
          tone="primary"
          busy={assignNumber.isPending}
          error={assignNumber.error}
          onConfirm={() =>
            assignNumber.mutate(
              { ...input, number: confirmNumber },
              {
                onSuccess: () => {
                  setPick('')
                  setConfirmNumber(null)
                  numbersNotice.notify(t('numbers.assigned', { number: formatPhone(confirmNumber), name }))
                },
                onError: refresh,
              },
            )
          }
          onClose={() => {
            assignNumber.reset()
            setConfirmNumber(null)
          }}
        />
      ) : null}
      <MemberActivity orgId={orgId} accountId={member.accountId} locale={locale} />
    </>
  )
}

/** The member's recent history from the audit log. */
function MemberActivity({ orgId, accountId, locale }: { orgId: string; accountId: string; locale: string }) {
  const { t } = useWidgets()
  const log = useAuditLog({ orgId, targetId: accountId, limit: 10 })
  const events = log.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section className="rw-section" aria-labelledby="rw-activity-title">
      <h3 id="rw-activity-title">{t('activity.title')}</h3>
      <QueryState query={log} isEmpty={events.length === 0} empty={t('activity.empty')}>
        <ol className="rw-activity">
          {events.map((event) => (
            <li key={event.id}>
              <span>{describeAction(event.action)}</span>{' '}
              <time className="rw-muted rw-small" dateTime={event.at}>
                {formatDateTime(event.at, locale)}
              </time>
            </li>
          ))}
        </ol>
      </QueryState>
    </section>
  )
}
