import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ApproveConnectionInput, approveConnection } from './approve-connection.js'
import { type ConnectSourceInput, connectSource } from './connect-source.js'
import { type DisconnectInput, disconnectConnection } from './disconnect-connection.js'
import { type ListConnectionsInput, listConnections } from './list-connections.js'
import { type RequestConnectionInput, requestConnection } from './request-connection.js'
import { type RunDueInput, runDue } from './run-due.js'
import type { DirectorySources } from './shared.js'
import type { SyncOptions } from '../../internal/sync/options.js'
import { type SyncConnectionInput, syncConnection } from './sync-connection.js'

/**
 * `roster.connections`: directory connections and sync (S1–S5) — external directories behind the
 * `DirectorySource` port, and organizations whose members are guests of another.
 */
export function connectionsApi(ctx: RosterContext, sources: DirectorySources = {}) {
  return {
    /**
     * Asks a host org to take every member of the guest org — current and future — as guests (S1).
     * @see `requestConnection` in `use-cases/connections/request-connection.ts` for the rules it implements and an example.
     */
    request: (actor: Actor, input: RequestConnectionInput) => requestConnection(ctx, actor, input),
    /**
     * Approves a pending org connection, by an admin of the host org (S1).
     * @see `approveConnection` in `use-cases/connections/approve-connection.ts` for the rules it implements and an example.
     */
    approve: (actor: Actor, input: ApproveConnectionInput) => approveConnection(ctx, actor, input),
    /**
     * Connects an org to an external directory registered in `createRoster({ directorySources })` (S1).
     * @see `connectSource` in `use-cases/connections/connect-source.ts` for the rules it implements and an example.
     */
    connectSource: (actor: Actor, input: ConnectSourceInput) => connectSource(ctx, sources, actor, input),
    /**
     * Runs a connection's sync now and returns its `SyncReport` (S2–S4).
     * @see `syncConnection` in `use-cases/connections/sync-connection.ts` for the rules it implements and an example.
     */
    sync: (actor: Actor, input: SyncConnectionInput, options?: SyncOptions) =>
      syncConnection(ctx, sources, actor, input, options),
    /**
     * Runs every connection whose interval has elapsed, one run per connection at a time (S5).
     * @see `runDue` in `use-cases/connections/run-due.ts` for the rules it implements and an example.
     */
    runDue: (actor: Actor, input?: RunDueInput, options?: Pick<SyncOptions, 'onProgress' | 'batchSize'>) =>
      runDue(ctx, sources, actor, input, options),
    /**
     * The org's connections: the directories it syncs and the orgs whose members are its guests.
     * @see `listConnections` in `use-cases/connections/list-connections.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListConnectionsInput) => listConnections(ctx, actor, input),
    /**
     * Takes a connection apart; its guest memberships are disabled or removed (S1).
     * @see `disconnectConnection` in `use-cases/connections/disconnect-connection.ts` for the rules it implements and an example.
     */
    disconnect: (actor: Actor, input: DisconnectInput) => disconnectConnection(ctx, actor, input),
  }
}

export type ConnectionsApi = ReturnType<typeof connectionsApi>
