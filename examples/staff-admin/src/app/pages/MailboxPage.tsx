import { useQuery } from '@tanstack/react-query'
import { Fragment, useState } from 'react'

interface Mail {
  id: string
  to: string
  subject: string
  text: string
  template: string
  url: string | null
  status: string
  createdAt: string
}

const LINK = /(https?:\/\/[^\s]+)/g

/** Turns the URLs of a plain-text mail into links. */
function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(LINK).map((part, i) =>
        i % 2 === 1 ? (
          <a key={`${i}-${part}`} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={`${i}-${part.slice(0, 8)}`}>{part}</Fragment>
        ),
      )}
    </>
  )
}

/** The dev mailbox: the outbox, newest first, so a person can follow an activation link. */
export function MailboxPage() {
  const mail = useQuery({
    queryKey: ['dev-outbox'],
    queryFn: async (): Promise<Mail[]> => {
      const response = await fetch('/dev/outbox', { credentials: 'same-origin' })
      // Only a signed-in admin of the demo org may read it (401 signed out, 403 otherwise).
      if (!response.ok) throw new Error(response.status === 401 ? 'signed-out' : 'forbidden')
      return response.json()
    },
    refetchInterval: (query) => (query.state.status === 'error' ? false : 3000),
    retry: false,
  })
  const [openId, setOpenId] = useState<string | null>(null)
  const open = mail.data?.find((m) => m.id === openId) ?? mail.data?.[0]

  return (
    <section aria-labelledby="mailbox-title">
      <div className="page-head">
        <h1 id="mailbox-title">Dev mailbox</h1>
        <p className="muted">
          The demo sends no real mail: every message it delivers lands here, newest first. A development aid
          for admins of the demo organization — never deploy it.
        </p>
      </div>
      {mail.isPending ? <p className="muted">Loading…</p> : null}
      {mail.error ? (
        <p role="alert">
          {mail.error.message === 'signed-out'
            ? 'Sign in as an admin of the demo organization to read the dev mailbox.'
            : 'The dev mailbox is for admins of the demo organization.'}
        </p>
      ) : null}
      {mail.data?.length === 0 ? <p>No mail yet.</p> : null}
      {mail.data && mail.data.length > 0 ? (
        <div className="mailbox">
          <ul className="mail-list" aria-label="Messages">
            {mail.data.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className={`mail-item${m.id === open?.id ? ' selected' : ''}`}
                  aria-pressed={m.id === open?.id}
                  onClick={() => setOpenId(m.id)}
                >
                  <span className="mail-to">{m.to}</span>
                  <span className="mail-subject">{m.subject}</span>
                  <span className="mail-date">{new Date(m.createdAt).toLocaleString()}</span>
                </button>
              </li>
            ))}
          </ul>
          {open ? (
            <article className="mail-body card" aria-labelledby="mail-subject">
              <h2 id="mail-subject">{open.subject}</h2>
              <dl className="mail-meta">
                <dt>To</dt>
                <dd>{open.to}</dd>
                <dt>Template</dt>
                <dd>{open.template}</dd>
              </dl>
              {open.url ? (
                <p>
                  <a className="button primary" href={open.url}>
                    Open the link in this mail
                  </a>
                </p>
              ) : null}
              <div className="mail-text">
                <Linked text={open.text} />
              </div>
            </article>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
