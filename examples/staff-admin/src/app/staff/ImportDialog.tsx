import { useAddManyMembers } from '@roster/react'
import { type FormEvent, useState } from 'react'
import { describeError } from './errors.js'
import { Modal } from './Modal.js'

const SAMPLE = 'email, first name, last name, title\nmary@acme.test, Mary, Jackson, Engineer'

/** Parses "email, first name, last name[, title]" lines; a header line is skipped. */
function parseRows(text: string) {
  return text
    .split('\n')
    .map((line) => line.split(',').map((cell) => cell.trim()))
    .filter((cells) => cells.some(Boolean) && cells[0]?.toLowerCase() !== 'email')
    .map(([email = '', firstName = '', lastName = '', title]) => ({
      email,
      firstName,
      lastName,
      ...(title ? { title } : {}),
    }))
}

/** Adds many people at once with `members.addMany`: each row succeeds or fails on its own. */
export function ImportDialog({
  orgId,
  onClose,
  notify,
}: {
  orgId: string
  onClose: () => void
  notify: (message: string, tone?: 'ok' | 'error') => void
}) {
  const addMany = useAddManyMembers()
  const [text, setText] = useState('')
  const rows = parseRows(text)

  function submit(event: FormEvent) {
    event.preventDefault()
    addMany.mutate(
      { orgId, rows },
      {
        onSuccess: (report) => {
          notify(
            `Imported ${report.added} of ${rows.length}; ${report.failed} failed.`,
            report.failed ? 'error' : 'ok',
          )
          if (report.failed === 0) onClose()
        },
      },
    )
  }

  return (
    <Modal
      title="Import staff"
      description="One person per line; each gets an activation email."
      onClose={onClose}
    >
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="import-rows">Rows (email, first name, last name, title)</label>
          <textarea
            id="import-rows"
            rows={6}
            placeholder={SAMPLE}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {addMany.error ? (
          <p className="error" role="alert">
            {describeError(addMany.error)}
          </p>
        ) : null}
        {addMany.data && addMany.data.failed > 0 ? (
          <ul className="import-results" aria-label="Rows that failed">
            {addMany.data.results.map((result) =>
              result.ok ? null : (
                <li key={result.index}>
                  Line {result.index + 1}: {describeError(result.error)}
                </li>
              ),
            )}
          </ul>
        ) : null}
        <div className="actions">
          <button type="submit" className="button primary" disabled={rows.length === 0 || addMany.isPending}>
            {addMany.isPending
              ? 'Importing…'
              : `Import ${rows.length || ''} ${rows.length === 1 ? 'person' : 'people'}`}
          </button>
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  )
}
