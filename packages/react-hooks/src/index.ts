// @roster/react: React hooks for Roster on TanStack Query. The provider and hooks land with the
// embedding issue; the key factory is here first so every hook shares it.
export { rosterKeys } from './query-keys.js'
