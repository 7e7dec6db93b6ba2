import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ActivateInput, activate } from './activate.js'
import { type RequestNewLinkInput, requestNewLink } from './request-new-link.js'
import { type ResendActivationInput, resendActivation } from './resend-activation.js'

/** `roster.activation`: finishing sign-up from the mailed link (A3, A8–A10). */
export function activationApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc activate} */
    activate: (input: ActivateInput) => activate(ctx, input),
    /** {@inheritDoc requestNewLink} */
    requestNewLink: (input: RequestNewLinkInput) => requestNewLink(ctx, input),
    /** {@inheritDoc resendActivation} */
    resend: (actor: Actor, input: ResendActivationInput) => resendActivation(ctx, actor, input),
  }
}

export type ActivationApi = ReturnType<typeof activationApi>
