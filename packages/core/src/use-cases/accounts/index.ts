import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ChangeEmailInput, changeEmail } from './change-email.js'
import { type ConfirmEmailInput, confirmEmail } from './confirm-email.js'
import { type DisableAccountInput, disableAccount } from './disable-account.js'
import { type EnableAccountInput, enableAccount } from './enable-account.js'
import { type FindByIdentityInput, findByIdentity } from './find-by-identity.js'
import { type GetAccountInput, getAccount } from './get-account.js'
import { type LinkIdentityInput, linkIdentity } from './link-identity.js'
import { type SignUpInput, signUp } from './sign-up.js'
import { type UpdateProfileInput, updateProfile } from './update-profile.js'

/** `roster.accounts`: people's identities across orgs (A2, A5–A7, A12, A16, A17). */
export function accountsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc signUp} */
    signUp: (input: SignUpInput) => signUp(ctx, input),
    /** {@inheritDoc getAccount} */
    get: (actor: Actor, input: GetAccountInput) => getAccount(ctx, actor, input),
    /** {@inheritDoc updateProfile} */
    updateProfile: (actor: Actor, input: UpdateProfileInput) => updateProfile(ctx, actor, input),
    /** {@inheritDoc changeEmail} */
    changeEmail: (actor: Actor, input: ChangeEmailInput) => changeEmail(ctx, actor, input),
    /** {@inheritDoc confirmEmail} */
    confirmEmail: (input: ConfirmEmailInput) => confirmEmail(ctx, input),
    /** {@inheritDoc disableAccount} */
    disable: (actor: Actor, input: DisableAccountInput) => disableAccount(ctx, actor, input),
    /** {@inheritDoc enableAccount} */
    enable: (actor: Actor, input: EnableAccountInput) => enableAccount(ctx, actor, input),
    /** {@inheritDoc linkIdentity} */
    linkIdentity: (actor: Actor, input: LinkIdentityInput) => linkIdentity(ctx, actor, input),
    /** {@inheritDoc findByIdentity} */
    findByIdentity: (input: FindByIdentityInput) => findByIdentity(ctx, input),
  }
}

export type AccountsApi = ReturnType<typeof accountsApi>
