import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ApproveConnectionInput, approveConnection } from './approve-connection.js'
import { type ConnectSourceInput, connectSource } from './connect-source.js'
import { type DisconnectInput, disconnectConnection } from './disconnect-connection.js'
import { type ListConnectionsInput, listConnections } from './list-connections.js'
import { type RequestConnectionInput, requestConnection } from './request-connection.js'
import { type RunDueInput, runDue } from './run-due.js'
import type { DirectorySources } from './shared.js'
import type { SyncOptions } from './sync-engine.js'
import { type SyncConnectionInput, syncConnection } from './sync-connection.js'

/**
 * `roster.connections`: directory connections and sync (S1–S5) — external directories behind the
 * `DirectorySource` port, and organizations whose members are guests of another.
 */
export function connectionsApi(ctx: RosterContext, sources: DirectorySources = {}) {
  return {
    /** {@inheritDoc requestConnection} */
    request: (actor: Actor, input: RequestConnectionInput) => requestConnection(ctx, actor, input),
    /** {@inheritDoc approveConnection} */
    approve: (actor: Actor, input: ApproveConnectionInput) => approveConnection(ctx, actor, input),
    /** {@inheritDoc connectSource} */
    connectSource: (actor: Actor, input: ConnectSourceInput) => connectSource(ctx, sources, actor, input),
    /** {@inheritDoc syncConnection} */
    sync: (actor: Actor, input: SyncConnectionInput, options?: SyncOptions) =>
      syncConnection(ctx, sources, actor, input, options),
    /** {@inheritDoc runDue} */
    runDue: (actor: Actor, input?: RunDueInput, options?: Pick<SyncOptions, 'onProgress' | 'batchSize'>) =>
      runDue(ctx, sources, actor, input, options),
    /** {@inheritDoc listConnections} */
    list: (actor: Actor, input: ListConnectionsInput) => listConnections(ctx, actor, input),
    /** {@inheritDoc disconnectConnection} */
    disconnect: (actor: Actor, input: DisconnectInput) => disconnectConnection(ctx, actor, input),
  }
}

export type ConnectionsApi = ReturnType<typeof connectionsApi>
