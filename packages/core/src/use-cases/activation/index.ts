import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ActivateInput, activate } from './activate.js'
import { type RequestNewLinkInput, requestNewLink } from './request-new-link.js'
import { type ResendActivationInput, resendActivation } from './resend-activation.js'

/** `roster.activation`: finishing sign-up from the mailed link (A3, A8–A10). */
export function activationApi(ctx: RosterContext) {
  return {
    /**
     * Public: finishes activation from the mailed link (A8).
     * @see `activate` in `use-cases/activation/activate.ts` for the rules it implements and an example.
     */
    activate: (input: ActivateInput) => activate(ctx, input),
    /**
     * Public "my activation link expired, send a new one" (A9).
     * @see `requestNewLink` in `use-cases/activation/request-new-link.ts` for the rules it implements and an example.
     */
    requestNewLink: (input: RequestNewLinkInput) => requestNewLink(ctx, input),
    /**
     * "Resend activation email" from a member's profile (A10): revokes the member's older activation links
     * and mails a new one in their language.
     * @see `resendActivation` in `use-cases/activation/resend-activation.ts` for the rules it implements and an example.
     */
    resend: (actor: Actor, input: ResendActivationInput) => resendActivation(ctx, actor, input),
  }
}

export type ActivationApi = ReturnType<typeof activationApi>
