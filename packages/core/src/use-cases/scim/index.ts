import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type AuthenticateScimInput, authenticateScim, type ScimPrincipal } from './authenticate-scim.js'
import { type CreateScimConnectionInput, createScimConnection } from './create-scim-connection.js'
import { type CreateScimGroupInput, createScimGroup } from './create-scim-group.js'
import { type DeleteScimGroupInput, deleteScimGroup } from './delete-scim-group.js'
import { type GetScimGroupInput, getScimGroup } from './get-scim-group.js'
import {
  type ListScimConnectionGroupsInput,
  listScimConnectionGroups,
} from './list-scim-connection-groups.js'
import { type ListScimGroupsInput, listScimGroups } from './list-scim-groups.js'
import { type MapScimGroupInput, mapScimGroup } from './map-scim-group.js'
import { type PatchScimGroupInput, patchScimGroup } from './patch-scim-group.js'
import { type ReplaceScimGroupInput, replaceScimGroup } from './replace-scim-group.js'
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
    /**
     * Maps a SCIM group to a role, a department or a license pool, or unmaps it (SC10, SC11).
     * @see `mapScimGroup` in `use-cases/scim/map-scim-group.ts` for the rules it implements and an example.
     */
    mapGroup: (actor: Actor, input: MapScimGroupInput) => mapScimGroup(ctx, actor, input),
    /**
     * A connection's groups with their mappings and member counts (SC10).
     * @see `listScimConnectionGroups` in `use-cases/scim/list-scim-connection-groups.ts`.
     */
    listGroups: (actor: Actor, input: ListScimConnectionGroupsInput) =>
      listScimConnectionGroups(ctx, actor, input),
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
    /** The IdP's groups and their members (SC6, SC10–SC13). */
    groups: {
      /** @see `createScimGroup` in `use-cases/scim/create-scim-group.ts`. */
      create: (principal: ScimPrincipal, input: CreateScimGroupInput) =>
        createScimGroup(ctx, principal, input),
      /** @see `getScimGroup` in `use-cases/scim/get-scim-group.ts`. */
      get: (principal: ScimPrincipal, input: GetScimGroupInput) => getScimGroup(ctx, principal, input),
      /** @see `listScimGroups` in `use-cases/scim/list-scim-groups.ts`. */
      list: (principal: ScimPrincipal, input?: ListScimGroupsInput) => listScimGroups(ctx, principal, input),
      /** A full group push. @see `replaceScimGroup` in `use-cases/scim/replace-scim-group.ts`. */
      replace: (principal: ScimPrincipal, input: ReplaceScimGroupInput) =>
        replaceScimGroup(ctx, principal, input),
      /** @see `patchScimGroup` in `use-cases/scim/patch-scim-group.ts`. */
      patch: (principal: ScimPrincipal, input: PatchScimGroupInput) => patchScimGroup(ctx, principal, input),
      /** `patch` with members who join only. */
      addMembers: (principal: ScimPrincipal, input: { id: string; members: string[] }) =>
        patchScimGroup(ctx, principal, { id: input.id, addMembers: input.members }),
      /** `patch` with members who leave only. */
      removeMembers: (principal: ScimPrincipal, input: { id: string; members: string[] }) =>
        patchScimGroup(ctx, principal, { id: input.id, removeMembers: input.members }),
      /** `patch` with a new displayName only. */
      rename: (principal: ScimPrincipal, input: { id: string; displayName: string }) =>
        patchScimGroup(ctx, principal, { id: input.id, displayName: input.displayName }),
      /** @see `deleteScimGroup` in `use-cases/scim/delete-scim-group.ts`. */
      delete: (principal: ScimPrincipal, input: DeleteScimGroupInput) =>
        deleteScimGroup(ctx, principal, input),
    },
  }
}

export type ScimApi = ReturnType<typeof scimApi>
