import type { RosterContext } from '../../context.js'
import { type ActivateInput, activate } from './activate.js'

/** `roster.activation`: finishing sign-up from the mailed link (A3, A8–A10). */
export function activationApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc activate} */
    activate: (input: ActivateInput) => activate(ctx, input),
  }
}

export type ActivationApi = ReturnType<typeof activationApi>
