import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ChangePasswordInput, changePassword } from './change-password.js'
import { type RequestPasswordResetInput, requestPasswordReset } from './request-password-reset.js'
import { type ResetPasswordInput, resetPassword } from './reset-password.js'
import { type VerifyCredentialsInput, verifyCredentials } from './verify-credentials.js'

/** `roster.credentials`: signing in and passwords (A15, X2). */
export function credentialsApi(ctx: RosterContext) {
  return {
    /**
     * Public sign-in check (A15): returns the account for a right username and password, else
     * `INVALID_CREDENTIALS` — the same answer, and the same hashing work, for an unknown username and a wrong
     * password.
     * @see `verifyCredentials` in `use-cases/credentials/verify-credentials.ts` for the rules it implements and an example.
     */
    verify: (input: VerifyCredentialsInput) => verifyCredentials(ctx, input),
    /**
     * Public "forgot password" (A15, same enumeration rules as A9): takes only an email and answers the same
     * `ok` whether or not an account has it, whatever its state, and when rate-limited.
     * @see `requestPasswordReset` in `use-cases/credentials/request-password-reset.ts` for the rules it implements and an example.
     */
    requestPasswordReset: (input: RequestPasswordResetInput) => requestPasswordReset(ctx, input),
    /**
     * Public: sets a new password from a `password-reset` link (A15).
     * @see `resetPassword` in `use-cases/credentials/reset-password.ts` for the rules it implements and an example.
     */
    resetPassword: (input: ResetPasswordInput) => resetPassword(ctx, input),
    /**
     * The signed-in person changes their own password (A4, A15, X2): the current one must be right
     * (`INVALID_CREDENTIALS`; a wrong one counts towards the lockout like a failed sign-in,
     * `ACCOUNT_LOCKED`), the new one follows `policy.password` and differs from it.
     * @see `changePassword` in `use-cases/credentials/change-password.ts` for the rules it implements and an example.
     */
    changePassword: (actor: Actor, input: ChangePasswordInput) => changePassword(ctx, actor, input),
  }
}

export type CredentialsApi = ReturnType<typeof credentialsApi>
