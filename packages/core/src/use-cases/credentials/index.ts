import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ChangePasswordInput, changePassword } from './change-password.js'
import { type RequestPasswordResetInput, requestPasswordReset } from './request-password-reset.js'
import { type ResetPasswordInput, resetPassword } from './reset-password.js'
import { type VerifyCredentialsInput, verifyCredentials } from './verify-credentials.js'

/** `roster.credentials`: signing in and passwords (A15, X2). */
export function credentialsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc verifyCredentials} */
    verify: (input: VerifyCredentialsInput) => verifyCredentials(ctx, input),
    /** {@inheritDoc requestPasswordReset} */
    requestPasswordReset: (input: RequestPasswordResetInput) => requestPasswordReset(ctx, input),
    /** {@inheritDoc resetPassword} */
    resetPassword: (input: ResetPasswordInput) => resetPassword(ctx, input),
    /** {@inheritDoc changePassword} */
    changePassword: (actor: Actor, input: ChangePasswordInput) => changePassword(ctx, actor, input),
  }
}

export type CredentialsApi = ReturnType<typeof credentialsApi>
