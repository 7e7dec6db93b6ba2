// What the demo's remaining hand-written tab (Mail & activity) needs; the org's data lives in @roster/widgets.
/** "member.added" → "Member added". */
export function describeAction(action: string): string {
  const [area = '', verb = ''] = action.split('.')
  const text = `${area.replace(/-/g, ' ')} ${verb.replace(/-/g, ' ')}`.trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}
