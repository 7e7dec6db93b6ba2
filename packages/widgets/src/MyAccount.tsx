import type { AccountView, RosterError } from '@roster/core'
import {
  memberQueryOptions,
  useAccount,
  useChangeEmail,
  useChangePassword,
  useMyOrgs,
  useRosterClient,
  useUpdateProfile,
} from '@roster/react'
import { useQueries } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { MyOrganizations } from './MyOrganizations.js'
import { NoticeLine, QueryState, SelectField, TextField, useNotice, WidgetRoot } from './ui.js'

/** Props of {@link MyAccount}. */
export interface MyAccountProps {
  /** The signed-in person's account id (your session knows it). */
  accountId: string
  /** Languages offered. Default en, fr. */
  languages?: readonly string[]
  /** Passed to the organizations list: open an org the person is an active member of. */
  onOpenOrg?: (orgId: string) => void
}

type ProfileField = 'firstName' | 'lastName' | 'username' | 'phone' | 'language'

/**
 * The signed-in person's own account: profile (names, username, phone, language — the widgets and the
 * mail follow the language saved here), email change, password change, and their organizations
 * (`MyOrganizations`: open, leave, accept an invitation). A field a connected directory provides for
 * one of the person's orgs is read-only here with the source named, since the next sync would set it
 * back. Each form says its own errors and successes where it is.
 *
 * @example
 * ```tsx
 * <MyAccount accountId={session.accountId} onOpenOrg={(orgId) => navigate(`/orgs/${orgId}`)} />
 * ```
 */
export function MyAccount({ accountId, languages = ['en', 'fr'], onOpenOrg }: MyAccountProps) {
  const { t } = useWidgets()
  const account = useAccount({ accountId })
  return (
    <WidgetRoot className="rw-my-account rw-flow">
      <h2 className="rw-page-title">{t('account.title')}</h2>
      <QueryState query={account} loading={t('account.loading')}>
        {account.data ? (
          <>
            <ProfileForm account={account.data} languages={languages} />
            <EmailForm account={account.data} />
            <PasswordForm />
          </>
        ) : null}
      </QueryState>
      <MyOrganizations {...(onOpenOrg ? { onOpenOrg } : {})} />
    </WidgetRoot>
  )
}

/** Which profile fields a directory manages for this person, with who: from their memberships. */
function useManagedFields(accountId: string): Partial<Record<ProfileField, string>> {
  const { t } = useWidgets()
  const client = useRosterClient()
  const orgs = useMyOrgs()
  const active = (orgs.data ?? []).filter((o) => o.membershipStatus === 'active')
  // A member view names the fields its connection manages; one the person may not read (no
  // `members:read` there) simply manages nothing we can show.
  const members = useQueries({
    queries: active.map((o) => ({
      ...memberQueryOptions(client, { orgId: o.org.id, accountId }),
      retry: false,
    })),
  })
  // Cheap (a few orgs): worked out on every render, no memo to keep in step.
  const managed: Partial<Record<ProfileField, string>> = {}
  members.forEach((member, index) => {
    const view = member.data
    if (!view || view.source === 'local') return
    for (const field of view.managedFields as ProfileField[])
      managed[field] ??= t('account.managedSource', { org: active[index]?.org.name ?? '' })
  })
  return managed
}

function fieldsOf(account: AccountView): Record<ProfileField, string> {
  return {
    firstName: account.firstName,
    lastName: account.lastName,
    username: account.username,
    phone: account.phone ?? '',
    language: account.language,
  }
}

function ProfileForm({ account, languages }: { account: AccountView; languages: readonly string[] }) {
  const { t, productName } = useWidgets()
  const update = useUpdateProfile()
  const managed = useManagedFields(account.id)
  // What the form compares with: the account as last saved (the answer of a save, before the refetch).
  const [saved, setSaved] = useState(account)
  const initial = fieldsOf(saved)
  const [fields, setFields] = useState(initial)
  const [error, setError] = useState<RosterError | null>(null)
  const { notice, notify, clear } = useNotice()
  // A saved profile (or one changed elsewhere) refills the form; the form stays mounted, so the
  // Save button keeps the focus (finding 10).
  // biome-ignore lint/correctness/useExhaustiveDependencies: updatedAt stands for the account's fields
  useEffect(() => {
    setSaved(account)
    setFields(fieldsOf(account))
  }, [account.updatedAt])
  const issues = issuesByField(error, t)
  const set = (key: ProfileField) => (value: string) => setFields((f) => ({ ...f, [key]: value }))
  const hint = (field: ProfileField) =>
    managed[field] ? t('account.managedBy', { source: managed[field] }) : undefined
  const onAField = Object.keys(initial).some((field) => issues[field])
  const general = error && !onAField ? describeError(error, t, productName) : null

  async function submit(event: FormEvent) {
    event.preventDefault()
    // The button is aria-disabled, not disabled, while saving: a disabled button drops the focus
    // to <body> (finding 10); so a second press is ignored here.
    if (update.isPending) return
    setError(null)
    clear()
    const changes: Record<string, string | null> = {}
    for (const key of Object.keys(initial) as ProfileField[]) {
      if (fields[key] !== initial[key] && !managed[key])
        changes[key] = key === 'phone' ? fields[key].trim() || null : fields[key]
    }
    if (Object.keys(changes).length === 0) return notify(t('account.nothingChanged'))
    try {
      const view = await update.mutateAsync({ accountId: account.id, ...changes })
      setSaved(view)
      setFields(fieldsOf(view))
      notify(t('account.saved'))
    } catch (caught) {
      setError(caught as RosterError)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.rw-profile [aria-invalid="true"]')?.focus(),
      )
    }
  }

  return (
    <form className="rw-profile" onSubmit={submit} noValidate aria-labelledby="rw-profile-title">
      <fieldset className="rw-fieldset">
        <legend id="rw-profile-title">{t('account.profileTitle')}</legend>
        <div className="rw-grid-2">
          <TextField
            id="rw-account-first"
            label={t('account.firstName')}
            value={fields.firstName}
            onChange={set('firstName')}
            error={issues.firstName}
            hint={hint('firstName')}
            disabled={Boolean(managed.firstName)}
            autoComplete="given-name"
          />
          <TextField
            id="rw-account-last"
            label={t('account.lastName')}
            value={fields.lastName}
            onChange={set('lastName')}
            error={issues.lastName}
            hint={hint('lastName')}
            disabled={Boolean(managed.lastName)}
            autoComplete="family-name"
          />
        </div>
        <TextField
          id="rw-account-username"
          label={t('account.username')}
          value={fields.username}
          onChange={set('username')}
          error={issues.username}
          autoComplete="username"
        />
        <TextField
          id="rw-account-phone"
          label={t('account.phone')}
          type="tel"
          value={fields.phone}
          onChange={set('phone')}
          error={issues.phone}
          hint={hint('phone')}
          disabled={Boolean(managed.phone)}
          autoComplete="tel"
        />
        <SelectField
          id="rw-account-language"
          label={t('account.language')}
          value={fields.language}
          onChange={set('language')}
          disabled={Boolean(managed.language)}
          options={[...new Set([...languages, account.language])].map((code) => ({
            value: code,
            label: t(`lang.${code}` as 'lang.en') === `lang.${code}` ? code : t(`lang.${code}` as 'lang.en'),
          }))}
        />
        <p className="rw-hint">{hint('language') ?? t('account.languageHint')}</p>
        {general ? (
          <p className="rw-error" role="alert">
            {general}
          </p>
        ) : null}
        <div className="rw-actions">
          <button
            type="submit"
            className="rw-button rw-primary"
            aria-disabled={update.isPending || undefined}
          >
            {update.isPending ? t('common.saving') : t('account.saveProfile')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </fieldset>
    </form>
  )
}

function EmailForm({ account }: { account: AccountView }) {
  const { t, productName } = useWidgets()
  const change = useChangeEmail()
  const [email, setEmail] = useState('')
  const [error, setError] = useState<RosterError | null>(null)
  const { notice, notify, clear } = useNotice()
  const issues = issuesByField(error, t)
  const fieldError =
    issues.email ??
    (error && ['EMAIL_TAKEN', 'EMAIL_BLOCKED'].includes(error.code)
      ? describeError(error, t, productName)
      : undefined)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (change.isPending) return
    setError(null)
    clear()
    try {
      await change.mutateAsync({ accountId: account.id, email })
      notify(t('account.emailChanged', { email }))
      setEmail('')
    } catch (caught) {
      setError(caught as RosterError)
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rw-email-title">
      <fieldset className="rw-fieldset">
        <legend id="rw-email-title">{t('account.changeEmail')}</legend>
        <p>
          {t('account.email')}: <strong>{account.email}</strong>
        </p>
        <TextField
          id="rw-account-new-email"
          label={t('account.newEmail')}
          type="email"
          value={email}
          onChange={setEmail}
          error={fieldError}
          hint={t('account.emailChangeHint')}
          autoComplete="email"
        />
        {error && !fieldError ? (
          <p className="rw-error" role="alert">
            {describeError(error, t, productName)}
          </p>
        ) : null}
        <div className="rw-actions">
          <button type="submit" className="rw-button" aria-disabled={change.isPending || undefined}>
            {t('account.changeEmailButton')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </fieldset>
    </form>
  )
}

function PasswordForm() {
  const { t, productName, passwordMinLength } = useWidgets()
  const change = useChangePassword()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [error, setError] = useState<RosterError | null>(null)
  const { notice, notify, clear } = useNotice()
  const issues = issuesByField(error, t)
  const currentError =
    issues.currentPassword ?? (error?.code === 'INVALID_CREDENTIALS' ? t('account.wrongPassword') : undefined)
  const nextError = issues.newPassword
  const general = error && !currentError && !nextError ? describeError(error, t, productName) : null

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (change.isPending) return
    setError(null)
    clear()
    try {
      await change.mutateAsync({ currentPassword: current, newPassword: next })
      setCurrent('')
      setNext('')
      notify(t('account.passwordChanged'))
    } catch (caught) {
      setError(caught as RosterError)
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rw-password-title">
      <fieldset className="rw-fieldset">
        <legend id="rw-password-title">{t('account.password')}</legend>
        <TextField
          id="rw-account-current-password"
          label={t('account.currentPassword')}
          type="password"
          value={current}
          onChange={setCurrent}
          error={currentError}
          autoComplete="current-password"
        />
        <TextField
          id="rw-account-new-password"
          label={t('account.newPassword')}
          type="password"
          value={next}
          onChange={setNext}
          error={nextError}
          hint={t('account.passwordHint', { min: passwordMinLength })}
          autoComplete="new-password"
        />
        {general ? (
          <p className="rw-error" role="alert">
            {general}
          </p>
        ) : null}
        <div className="rw-actions">
          <button type="submit" className="rw-button" aria-disabled={change.isPending || undefined}>
            {t('account.changePassword')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </fieldset>
    </form>
  )
}
