/** One choice of a {@link SelectField}. */
export interface SelectOption {
  value: string
  label: string
}

/** A labelled `<select>` in the form layout: the label names it for assistive tech and tests. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  disabled,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  options: readonly SelectOption[]
  disabled?: boolean | undefined
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
