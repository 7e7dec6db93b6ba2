import type { AuditEventView } from '@roster/core'
import { useAuditLog, useMembers } from '@roster/react'
import { useId, useMemo, useState } from 'react'
import { describeAction, formatDateTime } from './format.js'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import { QueryState, SelectField, TextField, WidgetRoot } from './ui.js'

/** Props of {@link AuditLog}. */
export interface AuditLogProps {
  orgId: string
  /** Events per page (1..200, default 25); "Older events" reads the next page by keyset cursor. */
  pageSize?: number
  /** Only events about this target (e.g. one member's account id); hides the target filter. */
  targetId?: string
}

/** A value of a changed field as people read it; objects and lists as short JSON. */
function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  return JSON.stringify(value)
}

/** A calendar day from an `<input type="date">` as the instant its local midnight starts. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return undefined
  return new Date(y, m - 1, d + plusDays).toISOString()
}

/**
 * The org's audit log (E1, `audit:read`): when, who (a person's name, or the system and why),
 * what, on whom or what, and the changed fields with before and after (secret fields only named,
 * never shown). Filters by action, by the person who acted and by date range; pages by keyset
 * cursor ("Older events"). A refusal says so instead of an empty log.
 *
 * @example
 * ```tsx
 * <AuditLog orgId={orgId} />
 * <AuditLog orgId={orgId} targetId={member.accountId} pageSize={10} />
 * ```
 */
export function AuditLog({ orgId, pageSize = 25, targetId }: AuditLogProps) {
  const { t, locale } = useWidgets()
  const [action, setAction] = useState('')
  const [actorId, setActorId] = useState('')
  const [since, setSince] = useState('')
  const [until, setUntil] = useState('')
  const titleId = useId()
  const sinceIso = dayStart(since)
  // "Until" names a day that counts in full: the range ends at the next day's midnight.
  const untilIso = dayStart(until, 1)
  const log = useAuditLog({
    orgId,
    limit: pageSize,
    ...(action ? { action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetId ? { targetId } : {}),
    ...(sinceIso ? { since: sinceIso } : {}),
    ...(untilIso ? { until: untilIso } : {}),
  })
  // Names for ids: the people of the org (who acted and on whom). Ids of people gone stay ids.
  const members = useMembers({ orgId, limit: 200 }, { enabled: !log.error })
  const names = useMemo(() => {
    const map = new Map<string, string>()
    for (const page of members.data?.pages ?? [])
      for (const m of page.items) map.set(m.accountId, fullName(m))
    return map
  }, [members.data])
  const events = log.data?.pages.flatMap((page) => page.items) ?? []
  // The actions offered: the ones seen so far and the one chosen, so the choice never vanishes.
  const [seenActions, setSeenActions] = useState<string[]>([])
  const actions = [
    ...new Set([...seenActions, ...events.map((e) => e.action), ...(action ? [action] : [])]),
  ].sort()
  if (actions.length !== seenActions.length) setSeenActions(actions)
  const filtered = Boolean(action || actorId || since || until)

  const who = (event: AuditEventView) =>
    event.actor.kind === 'system'
      ? t('audit.system', { reason: event.actor.reason })
      : (names.get(event.actor.id) ?? event.actor.id)
  const on = (event: AuditEventView) => names.get(event.targetId) ?? `${event.targetType} ${event.targetId}`

  return (
    <WidgetRoot className="rw-audit">
      <section aria-labelledby={titleId} className="rw-section">
        <h2 id={titleId}>{t('audit.title')}</h2>
        <search className="rw-toolbar" aria-label={t('audit.filters')}>
          <SelectField
            id={`${titleId}-action`}
            label={t('audit.filterAction')}
            value={action}
            onChange={setAction}
            options={[
              { value: '', label: t('audit.allActions') },
              ...actions.map((a) => ({ value: a, label: describeAction(a) })),
            ]}
          />
          <SelectField
            id={`${titleId}-actor`}
            label={t('audit.filterWho')}
            value={actorId}
            onChange={setActorId}
            options={[
              { value: '', label: t('audit.anyone') },
              ...[...names.entries()]
                .sort((a, b) => a[1].localeCompare(b[1]))
                .map(([id, name]) => ({ value: id, label: name })),
            ]}
          />
          <TextField
            id={`${titleId}-since`}
            type="date"
            label={t('audit.since')}
            value={since}
            onChange={setSince}
          />
          <TextField
            id={`${titleId}-until`}
            type="date"
            label={t('audit.until')}
            value={until}
            onChange={setUntil}
          />
        </search>
        <QueryState
          query={log}
          isEmpty={events.length === 0}
          empty={filtered ? t('audit.empty') : t('activity.empty')}
        >
          <div className="rw-table-wrap">
            <table className="rw-table rw-audit-table">
              <caption className="rw-visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.id}>
                    <td data-label={t('audit.when')}>
                      <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
                    </td>
                    <td data-label={t('audit.actor')}>{who(event)}</td>
                    <td data-label={t('audit.action')}>{describeAction(event.action)}</td>
                    <td data-label={t('audit.target')} className="rw-wrap">
                      {on(event)}
                    </td>
                    <td data-label={t('audit.changes')}>
                      <Changes changes={event.changes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {log.hasNextPage ? (
            <button
              type="button"
              className="rw-button"
              disabled={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {log.isFetchingNextPage ? t('common.loading') : t('audit.older')}
            </button>
          ) : null}
        </QueryState>
      </section>
    </WidgetRoot>
  )
}

function Changes({ changes }: { changes: AuditEventView['changes'] }) {
  const { t } = useWidgets()
  const fields = Object.entries(changes)
  if (fields.length === 0) return <span className="rw-muted">{t('common.none')}</span>
  return (
    <ul className="rw-changes">
      {fields.map(([field, change]) => (
        <li key={field}>
          <span className="rw-mono">{field}</span>
          {': '}
          {!('before' in change) && !('after' in change) ? (
            // A secret field: the log names it, never its value.
            <span className="rw-muted">{t('audit.secret')}</span>
          ) : (
            <>
              {'before' in change ? (
                <>
                  <del>{showValue(change.before)}</del> →{' '}
                </>
              ) : null}
              <ins>{showValue(change.after)}</ins>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}
