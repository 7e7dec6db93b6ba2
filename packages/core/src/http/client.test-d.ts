// Type tests of the HTTP client's surface, checked by `pnpm typecheck` (tsc): a wrong type fails
// the build, and each `@ts-expect-error` fails it too if the error it expects goes away. The error
// unions (transport codes, UNAUTHENTICATED) are pinned in @roster/react's hooks.test-d.ts.
import { expectTypeOf } from 'vitest'
import type { RosterClient } from './procedures.js'

declare const client: RosterClient

// The actor is dropped: the input is the first argument.
expectTypeOf(client.members.add).parameter(0).toHaveProperty('orgId')
// Server-only use-cases are not on the client.
// @ts-expect-error outbox.dispatch runs in-process only
client.outbox.dispatch
// @ts-expect-error credentials.verify runs in-process only
client.credentials.verify
