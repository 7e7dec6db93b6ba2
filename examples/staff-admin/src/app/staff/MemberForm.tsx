import type { MemberView, RosterError } from '@roster/core'
import { useAddMember, useGrantMatrix, useUpdateMember } from '@roster/react'
import { type FormEvent, useRef, useState } from 'react'
import { BuildingRoles } from './BuildingRoles.js'
import { describeError, issuesByField } from './errors.js'
import { useAssignableRoles, useBuildings, useDepartmentList } from './org-data.js'
import { Modal } from './Modal.js'
import { SelectField } from './SelectField.js'

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

function TextField({
  name,
  label,
  value,
  onChange,
  error,
  type = 'text',
  autoComplete,
  required,
  disabled,
  hint,
  inputRef,
}: {
  name: keyof Fields
  label: string
  value: string
  onChange: (value: string) => void
  error?: string
  type?: string
  autoComplete?: string
  required?: boolean
  disabled?: boolean
  hint?: string
  inputRef?: React.Ref<HTMLInputElement>
}) {
  const id = `member-${name}`
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> (required)</span> : null}
      </label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy || undefined}
        required={required}
        disabled={disabled}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * Add staff (with "Save and add another") or edit one member. Built on `useAddMember` and
 * `useUpdateMember`; validation issues from the server show beside their fields.
 */
export function MemberForm({
  orgId,
  member,
  onClose,
  onSaved,
}: {
  orgId: string
  member?: MemberView
  onClose: () => void
  onSaved: (message: string) => void
}) {
  const add = useAddMember()
  const { departments } = useDepartmentList(orgId)
  const { buildings } = useBuildings(orgId)
  const { roles } = useAssignableRoles(orgId)
  const matrix = useGrantMatrix({
    resourceIds: buildings.map((b) => b.id),
    defaultRoleId: roles.find((r) => !r.builtIn)?.id ?? 'member',
  })
  const update = useUpdateMember()
  const [fields, setFields] = useState<Fields>(member ? fieldsOf(member) : EMPTY)
  const [error, setError] = useState<RosterError | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const firstInput = useRef<HTMLInputElement>(null)
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }))
  const issues = issuesByField(error)
  const busy = add.isPending || update.isPending
  const accountLocked = member ? !member.allowedActions.includes('editAccount') : false
  const managed = (field: string) => member?.managedFields.includes(field) ?? false

  async function save(andAnother: boolean) {
    setError(null)
    try {
      if (member) {
        const changes: Record<string, unknown> = {}
        const before = fieldsOf(member)
        for (const key of Object.keys(fields) as (keyof Fields)[]) {
          if (fields[key] !== before[key])
            changes[key] = key === 'phone' || key === 'title' ? fields[key] || null : fields[key]
        }
        await update.mutateAsync({ orgId, accountId: member.accountId, ...changes })
        onSaved(`Saved ${fields.firstName} ${fields.lastName}.`)
        onClose()
        return
      }
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
        ...(matrix.grants.length > 0
          ? { grants: [{ roleId: 'member', scope: 'org' as const }, ...matrix.grants] }
          : {}),
      })
      const message = `Added ${view.firstName} ${view.lastName}. An activation email is on its way to ${view.email}.`
      onSaved(message)
      if (andAnother) {
        setAdded(message)
        setFields(EMPTY)
        matrix.clear()
        firstInput.current?.focus()
      } else {
        onClose()
      }
    } catch (caught) {
      setError(caught as RosterError)
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    void save(submitter?.value === 'another')
  }

  const title = member ? `Edit ${member.firstName} ${member.lastName}` : 'Add staff'
  return (
    <Modal
      title={title}
      onClose={onClose}
      description={member ? undefined : 'They get an email with a link to choose their password.'}
    >
      <form onSubmit={submit} noValidate>
        {added ? <output className="success block">{added}</output> : null}
        <div className="grid-2">
          <TextField
            name="firstName"
            label="First name"
            value={fields.firstName}
            onChange={set('firstName')}
            error={issues.firstName}
            autoComplete="off"
            required
            disabled={accountLocked || managed('firstName')}
            inputRef={firstInput}
          />
          <TextField
            name="lastName"
            label="Last name"
            value={fields.lastName}
            onChange={set('lastName')}
            error={issues.lastName}
            autoComplete="off"
            required
            disabled={accountLocked || managed('lastName')}
          />
        </div>
        <TextField
          name="email"
          label="Email"
          type="email"
          value={fields.email}
          onChange={set('email')}
          error={issues.email}
          autoComplete="off"
          required
          disabled={accountLocked || managed('email')}
          hint={member ? undefined : 'Used to sign in and for the activation email.'}
        />
        <div className="grid-2">
          <TextField
            name="title"
            label="Job title"
            value={fields.title}
            onChange={set('title')}
            error={issues.title}
            disabled={managed('title')}
          />
          <TextField
            name="phone"
            label="Phone"
            type="tel"
            value={fields.phone}
            onChange={set('phone')}
            error={issues.phone}
            autoComplete="off"
            disabled={accountLocked || managed('phone')}
          />
        </div>
        <div className="grid-2">
          <SelectField
            id="member-type"
            label="Type"
            value={fields.type}
            onChange={set('type')}
            disabled={member?.isFounder}
            options={[
              { value: 'employee', label: 'Employee' },
              { value: 'guest', label: 'Guest' },
            ]}
          />
          <SelectField
            id="member-language"
            label="Language"
            value={fields.language}
            onChange={set('language')}
            disabled={accountLocked}
            options={[
              { value: 'en', label: 'English' },
              { value: 'fr', label: 'Français' },
            ]}
          />
        </div>
        <SelectField
          id="member-department"
          label="Department"
          value={fields.departmentId}
          onChange={set('departmentId')}
          options={[
            { value: '', label: 'No department' },
            ...departments.map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        {member ? null : (
          <BuildingRoles matrix={matrix} buildings={buildings} roles={roles} legend="Buildings and roles" />
        )}
        {accountLocked ? (
          <p className="hint">
            This person's account also belongs to another organization, so only they can change their name,
            email and phone. You can still change their title and type.
          </p>
        ) : null}
        {error && Object.keys(issues).length === 0 ? (
          <p className="error" role="alert">
            {describeError(error)}
          </p>
        ) : null}
        {Object.keys(issues).length > 0 ? (
          <p className="error" role="alert">
            Check the highlighted fields.
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button primary" value="save" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          {member ? null : (
            <button type="submit" className="button" value="another" disabled={busy}>
              Save and add another
            </button>
          )}
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  )
}
