import type { ImportNumbersReport, LicensePoolView } from '@roster/core'
import {
  useAddSeats,
  useCreatePool,
  useImportNumbers,
  useLicenseSummary,
  useNumbers,
  useRemoveNumber,
  useRemoveSeats,
} from '@roster/react'
import { type FormEvent, useId, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { formatPhone } from './format.js'
import { useWidgets } from './i18n/provider.js'
import {
  ConfirmDialog,
  focusAfterDialog,
  Dialog,
  NoticeLine,
  QueryState,
  TextField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

/** Props of {@link LicensesAndNumbers}. */
export interface LicensesAndNumbersProps {
  orgId: string
  /** Numbers shown per page of the pool (1..200, default 50). */
  pageSize?: number
}

/**
 * The org's license seats and its phone-number pool. Per product: free of total, the billable sum,
 * "Required" when employees need it (L6, L7); people holding `licenses:manage` buy a new product's
 * seats and change a pool's seat count (never below what is assigned, L5 — the refusal shows in the
 * dialog). The pool lists numbers in international format; people holding `numbers:manage` import
 * numbers — with a report naming each one not imported and why (N1) — and remove available ones
 * after a question. Someone allowed neither sees "You do not have permission to see this", never an
 * empty table. Giving a number to a person is `MemberSeats`' act (it asks before it takes a seat).
 *
 * @example
 * ```tsx
 * <WidgetsProvider productNames={{ 'phone-line': 'Phone line' }}>
 *   <LicensesAndNumbers orgId={orgId} />
 * </WidgetsProvider>
 * ```
 */
export function LicensesAndNumbers({ orgId, pageSize = 50 }: LicensesAndNumbersProps) {
  return (
    <WidgetRoot className="rw-licenses rw-grid-2">
      <LicenseSeats orgId={orgId} />
      <NumberPool orgId={orgId} pageSize={pageSize} />
    </WidgetRoot>
  )
}

function LicenseSeats({ orgId }: { orgId: string }) {
  const { t, productName } = useWidgets()
  const summary = useLicenseSummary({ orgId })
  const mayManage = usePermission(orgId, 'licenses:manage')
  const reason = useMissingReason('licenses:manage')
  const { notice, notify } = useNotice()
  const [adjusting, setAdjusting] = useState<LicensePoolView | null>(null)
  const [buying, setBuying] = useState(false)
  const products = summary.data?.products ?? []
  return (
    <section aria-labelledby="rw-seats-title" className="rw-section">
      <h2 id="rw-seats-title">{t('licenses.title')}</h2>
      <p className="rw-muted rw-small">{t('licenses.billing')}</p>
      {mayManage ? (
        <div className="rw-toolbar-actions">
          <button type="button" className="rw-button" onClick={() => setBuying(true)}>
            {t('licenses.newProduct')}
          </button>
        </div>
      ) : null}
      {mayManage === false && summary.data ? <p className="rw-hint">{reason}</p> : null}
      <NoticeLine notice={notice} />
      <QueryState query={summary} isEmpty={products.length === 0} empty={t('licenses.empty')}>
        <div className="rw-table-wrap">
          <table className="rw-table">
            <caption className="rw-visually-hidden">{t('licenses.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('licenses.product')}</th>
                <th scope="col">{t('licenses.free')}</th>
                <th scope="col">{t('licenses.assigned')}</th>
                {mayManage ? (
                  <th scope="col">
                    <span className="rw-visually-hidden">{t('staff.col.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {products.map((pool) => (
                <tr key={pool.product}>
                  <th scope="row">
                    {productName(pool.product)}{' '}
                    {pool.required ? (
                      <span className="rw-badge rw-info">{t('licenses.required')}</span>
                    ) : null}
                  </th>
                  <td>{t('seats.free', { available: pool.available, seats: pool.seats })}</td>
                  <td>{pool.assigned}</td>
                  {mayManage ? (
                    <td>
                      <button
                        type="button"
                        className="rw-button rw-small"
                        aria-label={t('licenses.adjustLabel', { product: productName(pool.product) })}
                        onClick={() => setAdjusting(pool)}
                      >
                        {t('licenses.adjust')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {summary.data ? (
          <p className="rw-muted rw-small">{t('licenses.billable', { count: summary.data.billableSeats })}</p>
        ) : null}
      </QueryState>
      {adjusting ? (
        <AdjustSeatsDialog
          orgId={orgId}
          pool={adjusting}
          onClose={(message) => {
            setAdjusting(null)
            if (message) notify(message)
          }}
        />
      ) : null}
      {buying ? (
        <NewPoolDialog
          orgId={orgId}
          onClose={(message) => {
            setBuying(false)
            if (message) notify(message)
          }}
        />
      ) : null}
    </section>
  )
}

/** A new seat count for one pool: more is bought, fewer given back (not below the assigned, L5). */
function AdjustSeatsDialog({
  orgId,
  pool,
  onClose,
}: {
  orgId: string
  pool: LicensePoolView
  onClose: (message?: string) => void
}) {
  const { t, productName } = useWidgets()
  const add = useAddSeats()
  const remove = useRemoveSeats()
  const [seats, setSeats] = useState(String(pool.seats))
  const product = productName(pool.product)
  const target = Number(seats)
  const valid = Number.isInteger(target) && target >= 0 && seats.trim() !== ''
  const delta = valid ? target - pool.seats : 0
  const error = add.error ?? remove.error
  function submit(event: FormEvent) {
    event.preventDefault()
    const done = { onSuccess: () => onClose(t('licenses.adjusted', { product, seats: target })) }
    if (delta > 0) add.mutate({ orgId, product: pool.product, count: delta }, done)
    else if (delta < 0) remove.mutate({ orgId, product: pool.product, count: -delta }, done)
  }
  return (
    <Dialog
      title={t('licenses.adjustTitle', { product })}
      description={t('licenses.adjustText', { assigned: pool.assigned })}
      onClose={() => onClose()}
    >
      <form onSubmit={submit}>
        <TextField
          id="rw-adjust-seats"
          type="number"
          label={t('licenses.seatCount')}
          value={seats}
          onChange={(value) => {
            setSeats(value)
            add.reset()
            remove.reset()
          }}
          hint={
            delta > 0
              ? t('licenses.willBuy', { count: delta })
              : delta < 0
                ? t('licenses.willGiveBack', { count: -delta })
                : undefined
          }
          autoFocus
        />
        {error ? (
          <p className="rw-error" role="alert">
            {describeError(error, t, productName)}
          </p>
        ) : null}
        <div className="rw-actions">
          <button
            type="submit"
            className="rw-button rw-primary"
            disabled={!valid || delta === 0 || add.isPending || remove.isPending}
          >
            {t('common.save')}
          </button>
          <button type="button" className="rw-button rw-ghost" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function NewPoolDialog({ orgId, onClose }: { orgId: string; onClose: (message?: string) => void }) {
  const { t, productName } = useWidgets()
  const create = useCreatePool()
  const [product, setProduct] = useState('')
  const [seats, setSeats] = useState('5')
  const [required, setRequired] = useState(false)
  const issues = issuesByField(create.error, t)
  const other = create.error && !issues.product && !issues.seats ? create.error : null
  return (
    <Dialog title={t('licenses.newTitle')} description={t('licenses.billing')} onClose={() => onClose()}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          create.mutate(
            { orgId, product: product.trim(), seats: Number(seats), required },
            {
              onSuccess: (pool) =>
                onClose(t('licenses.bought', { count: pool.seats, product: productName(pool.product) })),
            },
          )
        }}
      >
        <TextField
          id="rw-new-product"
          label={t('licenses.productKey')}
          hint={t('licenses.productKeyHint')}
          value={product}
          onChange={setProduct}
          error={issues.product}
          required
          autoFocus
        />
        <TextField
          id="rw-new-seats"
          type="number"
          label={t('licenses.seatCount')}
          value={seats}
          onChange={setSeats}
          error={issues.seats}
          required
        />
        <label className="rw-check">
          <input type="checkbox" checked={required} onChange={(event) => setRequired(event.target.checked)} />
          {t('licenses.requiredChoice')}
        </label>
        {other ? (
          <p className="rw-error" role="alert">
            {describeError(other, t, productName)}
          </p>
        ) : null}
        <div className="rw-actions">
          <button
            type="submit"
            className="rw-button rw-primary"
            disabled={!product.trim() || !(Number(seats) > 0) || create.isPending}
          >
            {t('licenses.buy')}
          </button>
          <button type="button" className="rw-button rw-ghost" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function NumberPool({ orgId, pageSize }: { orgId: string; pageSize: number }) {
  const { t, productName } = useWidgets()
  const numbers = useNumbers({ orgId, limit: pageSize })
  const mayManage = usePermission(orgId, 'numbers:manage')
  const reason = useMissingReason('numbers:manage')
  const importNumbers = useImportNumbers()
  const remove = useRemoveNumber()
  const { notice, notify } = useNotice()
  const [text, setText] = useState('')
  const [report, setReport] = useState<ImportNumbersReport | null>(null)
  const [removing, setRemoving] = useState<string | null>(null)
  const importRef = useRef<HTMLTextAreaElement>(null)
  const textId = useId()
  const pool = numbers.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section aria-labelledby="rw-pool-title" className="rw-section">
      <h2 id="rw-pool-title">{t('pool.title')}</h2>
      {mayManage === false && numbers.data ? <p className="rw-hint">{reason}</p> : null}
      <NoticeLine notice={notice} />
      <QueryState query={numbers} isEmpty={pool.length === 0} empty={t('pool.empty')}>
        <ul className="rw-list" aria-label={t('pool.title')}>
          {pool.map((n) => (
            <li key={n.number}>
              <span className="rw-mono">{formatPhone(n.number)}</span>
              <span className={`rw-badge ${n.status === 'available' ? 'rw-ok' : 'rw-info'}`}>
                {n.status === 'available' ? t('pool.available') : t('pool.assigned')}
              </span>
              {mayManage && n.status === 'available' ? (
                <button
                  type="button"
                  className="rw-button rw-small rw-danger"
                  aria-label={t('pool.removeLabel', { number: formatPhone(n.number) })}
                  onClick={() => {
                    remove.reset()
                    setRemoving(n.number)
                  }}
                >
                  {t('member.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="rw-muted rw-small">
          {numbers.hasNextPage
            ? t('staff.shownSome', { shown: pool.length })
            : t('pool.count', { count: pool.length })}
        </p>
        {numbers.hasNextPage ? (
          <button
            type="button"
            className="rw-button"
            disabled={numbers.isFetchingNextPage}
            onClick={() => void numbers.fetchNextPage()}
          >
            {numbers.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
          </button>
        ) : null}
      </QueryState>
      {mayManage ? (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            const list = text
              .split(/[\n,;]+/)
              .map((s) => s.trim())
              .filter(Boolean)
            importNumbers.mutate(
              { orgId, numbers: list },
              {
                onSuccess: (result) => {
                  setReport(result)
                  // What failed stays in the box to fix; what was imported leaves it.
                  setText(result.rejected.map((r) => r.input).join('\n'))
                  notify(t('pool.imported', { count: result.imported.length }))
                },
              },
            )
          }}
        >
          <div className="rw-field">
            <label htmlFor={textId}>{t('pool.import')}</label>
            <textarea
              ref={importRef}
              id={textId}
              rows={4}
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-describedby={importNumbers.error ? `${textId}-error` : undefined}
            />
            {importNumbers.error ? (
              <p id={`${textId}-error`} className="rw-field-error" role="alert">
                {describeError(importNumbers.error, t, productName)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="rw-button" disabled={!text.trim() || importNumbers.isPending}>
            {t('pool.importButton')}
          </button>
        </form>
      ) : null}
      {report && report.rejected.length > 0 ? (
        <div className="rw-import-report">
          <h3 className="rw-small-title">{t('pool.rejectedCount', { count: report.rejected.length })}</h3>
          <ul className="rw-list">
            {report.rejected.map((r, index) => (
              // The same input can be rejected twice (listed twice): its place in the report keeps keys apart.
              <li key={`${r.input}-${index}`}>
                <span className="rw-mono">{r.input}</span>
                <span className="rw-bad">{t(`pool.reason.${r.reason}` as 'pool.reason.invalid')}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('pool.removeTitle', { number: formatPhone(removing) })}
          description={t('pool.removeText')}
          confirmLabel={t('member.remove')}
          busy={remove.isPending}
          error={remove.error}
          onClose={() => setRemoving(null)}
          onConfirm={() =>
            remove.mutate(
              { orgId, number: removing },
              {
                onSuccess: () => {
                  notify(t('pool.removed', { number: formatPhone(removing) }))
                  setRemoving(null)
                  focusAfterDialog(importRef)
                },
              },
            )
          }
        />
      ) : null}
    </section>
  )
}
