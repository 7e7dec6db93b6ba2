import type { MemberView, RosterError } from '@roster/core'
import { useAddMember, useGrantMatrix, useUpdateMember } from '@roster/react'
import { type FormEvent, useMemo, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import { useAssignableRoles, useBuildings, useDepartmentList } from './org-data.js'
import { BuildingRolesMatrix } from './RolesMatrix.js'
import { Dialog, SelectField, TextField } from './ui.js'

interface Fields {
  firstName: string
  lastName: string
  email: string
  phone: string
  title: string
  type: 'employee' | 'guest'
  language: string
  departmentId: string
}

const EMPTY: Fields = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  title: '',
  type: 'employee',
  language: 'en',
  departmentId: '',
}

function fieldsOf(member: MemberView): Fields {
  return {
    firstName: member.firstName,
    lastName: member.lastName,
    email: member.email,
    phone: member.phone ?? '',
    title: member.title ?? '',
    type: member.type,
    language: member.language,
    departmentId: member.department?.id ?? '',
  }
}

/** Props of {@link MemberFormDialog}. */
export interface MemberFormDialogProps {
  orgId: string
  /** The member to edit; without it the dialog adds someone. */
  member?: MemberView
  onClose: () => void
  /** A sentence saying what was saved, for the caller's notice. */
  onSaved?: (message: string) => void
}

/**
 * Add staff (with "Save and add another", roles per building and at every building) or edit one
 * member. Field issues show beside their fields in the reader's language; other failures inside
 * the dialog. Fields a directory manages, or a shared account's, are read-only with the reason.
 *
 * @example
 * ```tsx
 * {adding ? <MemberFormDialog orgId={orgId} onClose={() => setAdding(false)} /> : null}
 * ```
 */
export function MemberFormDialog({ orgId, member, onClose, onSaved }: MemberFormDialogProps) {
  const { t, productName } = useWidgets()
  const add = useAddMember()
  const update = useUpdateMember()
  const { departments } = useDepartmentList(orgId)
  const { buildings } = useBuildings(orgId)
  const { roles } = useAssignableRoles(orgId)
  const resourceIds = useMemo(() => buildings.map((b) => b.id), [buildings])
  const matrix = useGrantMatrix({ resourceIds, defaultRoleId: roles.find((r) => !r.builtIn)?.id ?? 'member' })
  const [everyRole, setEveryRole] = useState('')
  const [fields, setFields] = useState<Fields>(member ? fieldsOf(member) : EMPTY)
  const [error, setError] = useState<RosterError | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const firstInput = useRef<HTMLInputElement>(null)
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }))
  const issues = issuesByField(error, t)
  const busy = add.isPending || update.isPending
  const accountLocked = member ? !member.allowedActions.includes('editAccount') : false
  const managed = (field: string) => member?.managedFields.includes(field) ?? false
  const hint = (field: string) =>
    managed(field) ? t('member.managed', { source: member?.source ?? '' }) : undefined

  async function save(andAnother: boolean) {
    setError(null)
    try {
      if (member) {
        const changes: Record<string, unknown> = {}
        const before = fieldsOf(member)
        for (const key of Object.keys(fields) as (keyof Fields)[]) {
          if (fields[key] !== before[key])
            changes[key] = ['phone', 'title', 'departmentId'].includes(key)
              ? fields[key] || null
              : fields[key]
        }
        await update.mutateAsync({ orgId, accountId: member.accountId, ...changes })
        onSaved?.(t('member.saved', { name: `${fields.firstName} ${fields.lastName}` }))
        onClose()
        return
      }
      const grants = [
        ...matrix.grants,
        ...(everyRole
          ? [{ roleId: everyRole, scope: { resourceType: 'building', all: true as const } }]
          : []),
      ]
      const view = await add.mutateAsync({
        orgId,
        email: fields.email,
        firstName: fields.firstName,
        lastName: fields.lastName,
        type: fields.type,
        language: fields.language,
        ...(fields.phone ? { phone: fields.phone } : {}),
        ...(fields.title ? { title: fields.title } : {}),
        ...(fields.departmentId ? { departmentId: fields.departmentId } : {}),
        // Building roles come on top of the org-wide `member` role every staff member has.
        ...(grants.length > 0 ? { grants: [{ roleId: 'member', scope: 'org' as const }, ...grants] } : {}),
      })
      const message = t('member.added', { name: fullName(view), email: view.email })
      onSaved?.(message)
      if (andAnother) {
        setAdded(message)
        setFields(EMPTY)
        matrix.clear()
        setEveryRole('')
        firstInput.current?.focus()
      } else {
        onClose()
      }
    } catch (caught) {
      setError(caught as RosterError)
      // Move to the first bad field, or leave focus where it is for the message below.
      requestAnimationFrame(() => {
        const bad = document.querySelector<HTMLElement>('.rw-dialog [aria-invalid="true"]')
        bad?.focus()
      })
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    void save(submitter?.value === 'another')
  }

  const title = member ? t('member.editTitle', { name: fullName(member) }) : t('member.addTitle')
  const hasIssues = Object.keys(issues).length > 0
  return (
    <Dialog title={title} onClose={onClose} description={member ? undefined : t('member.addText')}>
      <form onSubmit={submit} noValidate>
        <output className="rw-block">{added ? <p className="rw-success">{added}</p> : null}</output>
        <div className="rw-grid-2">
          <TextField
            id="rw-member-firstName"
            label={t('member.firstName')}
            value={fields.firstName}
            onChange={set('firstName')}
            error={issues.firstName}
            hint={hint('firstName')}
            required
            disabled={accountLocked || managed('firstName')}
            inputRef={firstInput}
            autoFocus
          />
          <TextField
            id="rw-member-lastName"
            label={t('member.lastName')}
            value={fields.lastName}
            onChange={set('lastName')}
            error={issues.lastName}
            hint={hint('lastName')}
            required
            disabled={accountLocked || managed('lastName')}
          />
        </div>
        <TextField
          id="rw-member-email"
          label={t('member.email')}
          type="email"
          value={fields.email}
          onChange={set('email')}
          error={issues.email}
          required
          disabled={accountLocked || managed('email')}
          hint={hint('email') ?? (member ? undefined : t('member.emailHint'))}
        />
        <div className="rw-grid-2">
          <TextField
            id="rw-member-title"
            label={t('member.title')}
            value={fields.title}
            onChange={set('title')}
            error={issues.title}
            hint={hint('title')}
            disabled={managed('title')}
          />
          <TextField
            id="rw-member-phone"
            label={t('member.phone')}
            type="tel"
            value={fields.phone}
            onChange={set('phone')}
            error={issues.phone}
            hint={hint('phone')}
            disabled={accountLocked || managed('phone')}
          />
        </div>
        <div className="rw-grid-2">
          <SelectField
            id="rw-member-type"
            label={t('member.type')}
            value={fields.type}
            onChange={set('type')}
            disabled={member?.isFounder}
            options={[
              { value: 'employee', label: t('member.employee') },
              { value: 'guest', label: t('member.guest') },
            ]}
          />
          <SelectField
            id="rw-member-language"
            label={t('member.language')}
            value={fields.language}
            onChange={set('language')}
            disabled={accountLocked}
            options={[
              { value: 'en', label: t('lang.en') },
              { value: 'fr', label: t('lang.fr') },
            ]}
          />
        </div>
        <SelectField
          id="rw-member-department"
          label={t('member.department')}
          value={fields.departmentId}
          onChange={set('departmentId')}
          options={[
            { value: '', label: t('member.noDepartment') },
            ...departments.map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        {member ? null : (
          <>
            <SelectField
              id="rw-member-every"
              label={t('roles.everyRole')}
              value={everyRole}
              onChange={setEveryRole}
              options={[
                { value: '', label: t('roles.noRole') },
                ...roles.map((r) => ({ value: r.id, label: r.name })),
              ]}
            />
            <BuildingRolesMatrix matrix={matrix} buildings={buildings} roles={roles} />
          </>
        )}
        {accountLocked ? <p className="rw-hint">{t('member.accountLocked')}</p> : null}
        <div role="alert">
          {error && !hasIssues ? <p className="rw-error">{describeError(error, t, productName)}</p> : null}
          {hasIssues ? <p className="rw-error">{t('member.checkFields')}</p> : null}
        </div>
        <div className="rw-actions">
          <button type="submit" className="rw-button rw-primary" value="save" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          {member ? null : (
            <button type="submit" className="rw-button" value="another" disabled={busy}>
              {t('member.saveAndAnother')}
            </button>
          )}
          <button type="button" className="rw-button rw-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
