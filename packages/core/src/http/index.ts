// @roster/core/http: the use-cases over HTTP — a Web-standard handler and a typed client.
export { createRosterHandler, type RosterHandlerOptions } from './handler.js'
export { createRosterClient, type RosterClientOptions } from './client.js'
export { bindActor } from './bind-actor.js'
export {
  PUBLIC_PROCEDURES,
  SERVER_ONLY_PROCEDURES,
  type AnyRoster,
  type PublicProcedure,
  type ServerOnlyProcedure,
  type TransportErrorCode,
  type RosterClient,
  type RosterNamespaces,
} from './procedures.js'
