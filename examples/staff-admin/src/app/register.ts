import type { Roster } from '@roster/core'
import type { DEMO_PERMISSIONS } from '../server/seed.js'

// The hooks' types follow this roster: its host permissions (doors:open, parcels:log) are valid in
// roles.define and roles.can, next to the built-in ones.
declare module '@roster/react' {
  interface Register {
    roster: Roster<(typeof DEMO_PERMISSIONS)[number]>
  }
}
