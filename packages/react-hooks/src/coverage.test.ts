// Every use-case a client can call has a query or mutation builder here: the hooks cover the whole
// use-case surface, and each mutation's key names the use-case it runs.
import { memoryStorage } from '@roster/adapter-memory'
import { createRoster } from '@roster/core'
import { bindActor } from '@roster/core/http'
import { QueryClient } from '@tanstack/react-query'
import { expect, it } from 'vitest'
import * as api from './index.js'

const QUERIES: Record<string, keyof typeof api> = {
  'accounts.get': 'accountQueryOptions',
  'orgs.get': 'orgQueryOptions',
  'orgs.listMine': 'myOrgsQueryOptions',
  'members.get': 'memberQueryOptions',
  'members.list': 'membersInfiniteQueryOptions',
  'audit.list': 'auditInfiniteQueryOptions',
  'mail.blocklist': 'blocklistInfiniteQueryOptions',
  'outbox.list': 'outboxInfiniteQueryOptions',
  'licenses.summary': 'licenseSummaryQueryOptions',
  'numbers.list': 'numbersInfiniteQueryOptions',
  'roles.list': 'rolesQueryOptions',
  'roles.can': 'canQueryOptions',
  'resources.list': 'resourcesInfiniteQueryOptions',
  'departments.list': 'departmentsQueryOptions',
  'joinRequests.list': 'joinRequestsInfiniteQueryOptions',
  'joinRequests.listMine': 'myJoinRequestsQueryOptions',
  'connections.list': 'connectionsQueryOptions',
  'scim.listConnections': 'scimConnectionsQueryOptions',
  'scim.activity': 'scimActivityQueryOptions',
  'scim.listGroups': 'scimGroupsQueryOptions',
}

// The use-cases at the time of writing; each must keep its builder.
const KNOWN = new Set(
  [
    'accounts: signUp get updateProfile changeEmail confirmEmail disable enable linkIdentity',
    'activation: activate requestNewLink resend',
    'credentials: requestPasswordReset resetPassword changePassword',
    'orgs: create get update delete listMine transferFoundership',
    'members: add addMany get list update disable enable remove leave acceptInvitation declineInvitation',
    'audit: list',
    'mail: blocklist unblock',
    'outbox: list requeue',
    'licenses: createPool addSeats removeSeats assign unassign summary',
    'numbers: import list assign unassign remove',
    'roles: define update delete list assign revoke set can',
    'resources: create list delete',
    'departments: create list rename delete',
    'joinRequests: create list listMine approve deny cancel',
    'connections: request approve connectSource sync list disconnect',
    'scim: createConnection listConnections rotateToken revokeTokens activity mapGroup listGroups',
  ].flatMap((line) => {
    const [namespace, methods = ''] = line.split(': ')
    return methods.split(' ').map((method) => `${namespace}.${method}`)
  }),
)

it('offers a query or mutation builder (and a hook) for every use-case of the client', () => {
  const roster = createRoster({ storage: memoryStorage(), mailer: { send: async (m) => ({ id: m.id }) } })
  const client = bindActor(roster, { accountId: 'nobody' })
  const queryClient = new QueryClient()
  const mutationKeys = new Set(
    Object.entries(api)
      .filter(([name]) => name.endsWith('MutationOptions'))
      .map(([, build]) =>
        JSON.stringify((build as typeof api.addMemberMutationOptions)(client, queryClient).mutationKey),
      ),
  )
  const exported = new Map(Object.entries(api))
  const missing: string[] = []
  const unknown: string[] = []
  for (const [namespace, methods] of Object.entries(client as unknown as Record<string, object>)) {
    for (const method of Object.keys(methods)) {
      const name = `${namespace}.${method}`
      const query = QUERIES[name]
      if (
        query
          ? typeof exported.get(query) !== 'function'
          : !mutationKeys.has(JSON.stringify(['roster', namespace, method]))
      )
        (KNOWN.has(name) ? missing : unknown).push(name)
    }
  }
  expect(missing, 'use-cases without a builder in @roster/react').toEqual([])
  // A use-case that landed in core after these hooks fails here too: every procedure the handler
  // serves has a typed client method (RosterClient is derived from the roster), and it gets a
  // builder and hook in @roster/react — add them (and the name to KNOWN, or QUERIES for a read).
  expect(unknown, 'use-cases the handler serves with no builder or hook in @roster/react').toEqual([])
})
