/**
 * Focuses `element` once a closing dialog has restored focus (React Aria does that in an animation
 * frame): when the control that opened the dialog goes with the state it belonged to (a withdrawn
 * request, a left org), focus must land somewhere meaningful, not on <body> (finding 10).
 */
export function focusAfterDialog(element: HTMLElement | null): void {
  requestAnimationFrame(() => requestAnimationFrame(() => element?.focus()))
}
