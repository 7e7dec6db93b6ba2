import type { MemberView, RosterError } from '@roster/core'
import { useAddManyMembers } from '@roster/react'
import { type FormEvent, useState } from 'react'
import { type CsvPerson, parseStaffCsv, toCsv } from './csv.js'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import { Dialog } from './ui.js'

const SAMPLE = 'email,first name,last name,title\nmary@acme.test,Mary,Jackson,"Engineer, Sr."'

interface Outcome {
  added: { line: number; member: MemberView }[]
  failed: { line: number; message: string }[]
}

/** Props of {@link ImportMembersDialog}. */
export interface ImportMembersDialogProps {
  orgId: string
  onClose: () => void
  /** A sentence saying how many were imported, for the caller's notice. */
  onImported?: (message: string) => void
}

/**
 * Adds many people at once from pasted CSV (`members.addMany`: each row succeeds or fails on its
 * own). Quoted fields keep their commas; failures name the line of the file and why, in the
 * reader's language; imported rows leave the box, so a second click only retries the failed
 * ones; the imported people are listed.
 *
 * @example
 * ```tsx
 * {importing ? <ImportMembersDialog orgId={orgId} onClose={() => setImporting(false)} /> : null}
 * ```
 */
export function ImportMembersDialog({ orgId, onClose, onImported }: ImportMembersDialogProps) {
  const { t, productName } = useWidgets()
  const addMany = useAddManyMembers()
  const [text, setText] = useState('')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const parsed = parseStaffCsv(text)
  const people = parsed.people
  const started = text.trim() !== ''

  function rowError(error: RosterError): string {
    const issues = issuesByField(error, t)
    const fields = Object.entries(issues)
    if (fields.length === 0) return describeError(error, t, productName)
    const label: Record<string, string> = {
      email: t('member.email'),
      firstName: t('member.firstName'),
      lastName: t('member.lastName'),
      title: t('member.title'),
    }
    return fields.map(([path, message]) => `${label[path] ?? path}: ${message}`).join(' ')
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const rows = people.map(({ email, firstName, lastName, title }) => ({
      email,
      firstName,
      lastName,
      ...(title ? { title } : {}),
    }))
    addMany.mutate(
      { orgId, rows },
      {
        onSuccess: (report) => {
          const added: Outcome['added'] = []
          const failed: Outcome['failed'] = []
          const keep: CsvPerson[] = []
          for (const result of report.results) {
            const person = people[result.index]
            if (!person) continue
            if (result.ok) added.push({ line: person.line, member: result.member })
            else {
              failed.push({ line: person.line, message: rowError(result.error) })
              keep.push(person)
            }
          }
          setOutcome((before) => ({ added: [...(before?.added ?? []), ...added], failed }))
          // Only the rows that failed stay, to be fixed and sent again.
          setText(
            keep.length > 0
              ? toCsv(
                  parsed.header,
                  keep.map((p) => p.cells),
                )
              : '',
          )
          const message =
            report.failed > 0
              ? t('import.summary', { added: report.added, total: rows.length, failed: report.failed })
              : t('import.done', { added: report.added })
          onImported?.(message)
        },
      },
    )
  }

  return (
    <Dialog title={t('import.title')} description={t('import.text')} onClose={onClose}>
      <form onSubmit={submit}>
        <div className="rw-field">
          <label htmlFor="rw-import-rows">{t('import.rows')}</label>
          <textarea
            id="rw-import-rows"
            rows={6}
            placeholder={SAMPLE}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="rw-import-problems"
            autoFocus
          />
        </div>
        <div id="rw-import-problems" role="alert">
          {started && parsed.missingHeader ? <p className="rw-error">{t('import.missingHeader')}</p> : null}
          {parsed.problems.map((p) => (
            <p key={`${p.line}-${p.message}`} className="rw-error">
              {t('import.parse', { line: p.line, message: p.message })}
            </p>
          ))}
          {addMany.error ? <p className="rw-error">{describeError(addMany.error, t, productName)}</p> : null}
        </div>
        <output className="rw-block">
          {outcome && outcome.failed.length > 0 ? (
            <>
              <h3 className="rw-small-title">{t('import.failed')}</h3>
              <ul className="rw-import-results">
                {outcome.failed.map((f) => (
                  <li key={f.line}>
                    <strong>{t('import.line', { line: f.line })}</strong>: {f.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {outcome && outcome.added.length > 0 ? (
            <>
              <h3 className="rw-small-title">{t('import.succeeded')}</h3>
              <ul className="rw-import-results rw-ok-list">
                {outcome.added.map((a) => (
                  <li key={a.member.accountId}>
                    {fullName(a.member)} <span className="rw-muted">{a.member.email}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </output>
        <div className="rw-actions">
          <button
            type="submit"
            className="rw-button rw-primary"
            disabled={people.length === 0 || addMany.isPending}
          >
            {addMany.isPending ? t('import.importing') : t('import.button', { count: people.length })}
          </button>
          <button type="button" className="rw-button rw-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
