import type { Actor } from '../domain/actor.js'
import { type AnyRoster, isPublic, isServerOnly, type RosterClient, useCaseNamespaces } from './procedures.js'

/**
 * An in-process `RosterClient`: every use-case of `roster` with `actor` bound. Use it for SSR and
 * tests of React screens, where there is no HTTP hop.
 *
 * @example
 * const client = bindActor(roster, { accountId: session.accountId })
 * render(<RosterProvider client={client}><StaffScreen orgId={orgId} /></RosterProvider>)
 */
export function bindActor<R extends AnyRoster>(roster: R, actor: Actor): RosterClient<R> {
  const client: Record<string, Record<string, unknown>> = {}
  const source = roster as unknown as Record<string, Record<string, unknown>>
  for (const namespace of useCaseNamespaces(roster)) {
    const methods: Record<string, unknown> = {}
    for (const [method, fn] of Object.entries(source[namespace] ?? {})) {
      const name = `${namespace}.${method}`
      if (typeof fn !== 'function' || isServerOnly(name)) continue
      methods[method] = isPublic(name) ? fn : (...args: unknown[]) => fn(actor, ...args)
    }
    client[namespace] = methods
  }
  return client as RosterClient<R>
}
