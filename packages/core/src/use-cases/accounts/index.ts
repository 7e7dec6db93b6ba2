import type { RosterContext } from '../../context.js'
import { type SignUpInput, signUp } from './sign-up.js'

/** `roster.accounts`: people's identities across orgs (A2, A5–A7, A12, A16, A17). */
export function accountsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc signUp} */
    signUp: (input: SignUpInput) => signUp(ctx, input),
  }
}

export type AccountsApi = ReturnType<typeof accountsApi>
