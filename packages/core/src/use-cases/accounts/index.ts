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
    /**
     * Public self-service sign-up: creates a `pending_activation` account and mails an activation link (A3);
     * the person chooses a password when activating (A8).
     * @see `signUp` in `use-cases/accounts/sign-up.ts` for the rules it implements and an example.
     */
    signUp: (input: SignUpInput) => signUp(ctx, input),
    /**
     * Reads one account (no secrets).
     * @see `getAccount` in `use-cases/accounts/get-account.ts` for the rules it implements and an example.
     */
    get: (actor: Actor, input: GetAccountInput) => getAccount(ctx, actor, input),
    /**
     * Edits a person's own account fields: names, phone, language, username (A5, A6, A17).
     * @see `updateProfile` in `use-cases/accounts/update-profile.ts` for the rules it implements and an example.
     */
    updateProfile: (actor: Actor, input: UpdateProfileInput) => updateProfile(ctx, actor, input),
    /**
     * Changes the address an account is mailed at (A5, A7, A11, A17).
     * @see `changeEmail` in `use-cases/accounts/change-email.ts` for the rules it implements and an example.
     */
    changeEmail: (actor: Actor, input: ChangeEmailInput) => changeEmail(ctx, actor, input),
    /**
     * Public: finishes an email change from the link mailed to the new address (A7 with `policy.emailChange =
     * 'verify'`).
     * @see `confirmEmail` in `use-cases/accounts/confirm-email.ts` for the rules it implements and an example.
     */
    confirmEmail: (input: ConfirmEmailInput) => confirmEmail(ctx, input),
    /**
     * Disables a whole account, platform level (A12): the person can no longer sign in anywhere
     * (`credentials.verify`, `accounts.findByIdentity`) nor act in any org; their memberships, roles, seats
     * and numbers are kept so `accounts.enable` restores everything.
     * @see `disableAccount` in `use-cases/accounts/disable-account.ts` for the rules it implements and an example.
     */
    disable: (actor: Actor, input: DisableAccountInput) => disableAccount(ctx, actor, input),
    /**
     * Re-enables a disabled account (A12): the person signs in again, with every membership, role, seat and
     * number they had.
     * @see `enableAccount` in `use-cases/accounts/enable-account.ts` for the rules it implements and an example.
     */
    enable: (actor: Actor, input: EnableAccountInput) => enableAccount(ctx, actor, input),
    /**
     * Links an account to an outside identity (A16): `provider` (e.g. `oidc:google`) and its `subject`,
     * replacing any earlier link.
     * @see `linkIdentity` in `use-cases/accounts/link-identity.ts` for the rules it implements and an example.
     */
    linkIdentity: (actor: Actor, input: LinkIdentityInput) => linkIdentity(ctx, actor, input),
    /**
     * Public, for the host's SSO callback (A16): maps an outside identity the host has verified (`provider` +
     * `subject`) to the linked account.
     * @see `findByIdentity` in `use-cases/accounts/find-by-identity.ts` for the rules it implements and an example.
     */
    findByIdentity: (input: FindByIdentityInput) => findByIdentity(ctx, input),
  }
}

export type AccountsApi = ReturnType<typeof accountsApi>
