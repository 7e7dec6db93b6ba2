// The public Input schemas, Error and Output types of `roster.connections`, re-exported by `src/index.ts`.
export { ApproveConnectionInput, type ApproveConnectionError } from './approve-connection.js'
export { ConnectSourceInput, type ConnectSourceError } from './connect-source.js'
export { DisconnectInput, type DisconnectError, type DisconnectOutput } from './disconnect-connection.js'
export { ListConnectionsInput, type ListConnectionsError } from './list-connections.js'
export { RequestConnectionInput, type RequestConnectionError } from './request-connection.js'
export { RunDueInput, type RunDueError, type RunDueOutput, type DueRun } from './run-due.js'
export { SyncConnectionInput, type SyncConnectionError } from './sync-connection.js'
export { DEFAULT_SYNC_BATCH_SIZE, SYNC_LEASE_MS, type SyncOptions } from '../../internal/sync/options.js'
