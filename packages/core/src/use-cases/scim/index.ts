import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type AuthenticateScimInput, authenticateScim, type ScimPrincipal } from './authenticate-scim.js'
import { type CreateScimConnectionInput, createScimConnection } from './create-scim-connection.js'
import { type DeprovisionScimUserInput, deprovisionScimUser } from './deprovision-scim-user.js'
import { type GetScimUserInput, getScimUser } from './get-scim-user.js'
import { type ListScimActivityInput, listScimActivity } from './list-scim-activity.js'
import { type ListScimConnectionsInput, listScimConnections } from './list-scim-connections.js'
import { type ListScimUsersInput, listScimUsers } from './list-scim-users.js'
import { type ProvisionScimUserInput, provisionScimUser } from './provision-scim-user.js'
import { type ReplaceScimUserInput, replaceScimUser } from './replace-scim-user.js'
import { type RevokeScimTokensInput, revokeScimTokens } from './revoke-scim-tokens.js'
import { type RotateScimTokenInput, rotateScimToken } from './rotate-scim-token.js'

/**
 * `roster.scim`: SCIM 2.0 provisioning (docs/guides/scim.md). The admin side (connections,
 * tokens, activity) takes an actor; the IdP side (`users`, `groups`) takes the `ScimPrincipal`
 * that `authenticate` returned for the request's bearer token. `@roster/scim` speaks the protocol
 * over these.
 */
export function scimApi(ctx: RosterContext) {
  return {
    /**
     * Creates a SCIM connection and its first bearer token, shown once (SC1).
     * @see `createScimConnection` in `use-cases/scim/create-scim-connection.ts` for the rules it implements and an example.
     */
    createConnection: (actor: Actor, input: CreateScimConnectionInput) =>
      createScimConnection(ctx, actor, input),
    /**
     * The org's SCIM connections with their token hints and last use (SC1).
     * @see `listScimConnections` in `use-cases/scim/list-scim-connections.ts`.
     */
    listConnections: (actor: Actor, input: ListScimConnectionsInput) =>
      listScimConnections(ctx, actor, input),
    /**
     * A new token for a connection; every other one is revoked (SC1).
     * @see `rotateScimToken` in `use-cases/scim/rotate-scim-token.ts`.
     */
    rotateToken: (actor: Actor, input: RotateScimTokenInput) => rotateScimToken(ctx, actor, input),
    /**
     * Revokes every token of a connection (SC1).
     * @see `revokeScimTokens` in `use-cases/scim/revoke-scim-tokens.ts`.
     */
    revokeTokens: (actor: Actor, input: RevokeScimTokensInput) => revokeScimTokens(ctx, actor, input),
    /**
     * What a connection's requests changed, newest first (SC8).
     * @see `listScimActivity` in `use-cases/scim/list-scim-activity.ts`.
     */
    activity: (actor: Actor, input: ListScimActivityInput) => listScimActivity(ctx, actor, input),
    /**
     * The connection a bearer token belongs to (SC1, SC2).
     * @see `authenticateScim` in `use-cases/scim/authenticate-scim.ts`.
     */
    authenticate: (input: AuthenticateScimInput) => authenticateScim(ctx, input),
    /** The IdP's users (SC3–SC5). */
    users: {
      /** @see `provisionScimUser` in `use-cases/scim/provision-scim-user.ts`. */
      provision: (principal: ScimPrincipal, input: ProvisionScimUserInput) =>
        provisionScimUser(ctx, principal, input),
      /** @see `replaceScimUser` in `use-cases/scim/replace-scim-user.ts`. */
      replace: (principal: ScimPrincipal, input: ReplaceScimUserInput) =>
        replaceScimUser(ctx, principal, input),
      /** @see `deprovisionScimUser` in `use-cases/scim/deprovision-scim-user.ts`. */
      deprovision: (principal: ScimPrincipal, input: DeprovisionScimUserInput) =>
        deprovisionScimUser(ctx, principal, input),
      /** @see `getScimUser` in `use-cases/scim/get-scim-user.ts`. */
      get: (principal: ScimPrincipal, input: GetScimUserInput) => getScimUser(ctx, principal, input),
      /** @see `listScimUsers` in `use-cases/scim/list-scim-users.ts`. */
      list: (principal: ScimPrincipal, input?: ListScimUsersInput) => listScimUsers(ctx, principal, input),
    },
  }
}

export type ScimApi = ReturnType<typeof scimApi>
