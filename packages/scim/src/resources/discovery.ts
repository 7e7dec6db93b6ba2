// Discovery (RFC 7644 §4): what this provider supports, its resource types and their schemas.
// Public, like the RFC allows: it says nothing about any org. Resource types are listed only when
// the handler serves their endpoint, so a client never discovers a route that answers 404.
import { scimErrors, scimResponse } from '../errors.js'
import type { ScimRequestContext, ScimRoute } from '../routes.js'
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SCHEMAS,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from '../schemas.js'

/** The largest page and filter result this provider returns (also `filter.maxResults`). */
export const MAX_RESULTS = 1000

const RESOURCE_TYPES = [
  {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
  },
  {
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Group',
    schema: GROUP_SCHEMA,
    schemaExtensions: [],
  },
] as const

function served(context: ScimRequestContext) {
  return RESOURCE_TYPES.filter((type) =>
    context.routes.some((route) => route.path.toLowerCase().startsWith(type.endpoint.toLowerCase())),
  )
}

function resourceType(context: ScimRequestContext, type: (typeof RESOURCE_TYPES)[number]) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    ...type,
    meta: { resourceType: 'ResourceType', location: `${context.baseUrl}/ResourceTypes/${type.id}` },
  }
}

function schema(context: ScimRequestContext, definition: (typeof SCHEMAS)[number]) {
  return {
    schemas: [SCHEMA_SCHEMA],
    ...definition,
    meta: { resourceType: 'Schema', location: `${context.baseUrl}/Schemas/${definition.id}` },
  }
}

function list(resources: unknown[]) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  }
}

/** The schemas of the resource types served (the enterprise extension with User). */
function servedSchemas(context: ScimRequestContext) {
  const ids = new Set<string>(
    served(context).flatMap((type) => [type.schema, ...type.schemaExtensions.map((e) => e.schema)]),
  )
  return SCHEMAS.filter((definition) => ids.has(definition.id))
}

export const discoveryRoutes: readonly ScimRoute[] = [
  {
    method: 'GET',
    path: '/ServiceProviderConfig',
    public: true,
    async handle(context) {
      return scimResponse(200, {
        schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
        documentationUri: 'https://github.com/roster-sdk/roster/blob/main/docs/guides/scim.md',
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: MAX_RESULTS },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: true },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description:
              "The SCIM connection's token (roster.scim.createConnection), as Authorization: Bearer.",
            primary: true,
          },
        ],
        meta: {
          resourceType: 'ServiceProviderConfig',
          location: `${context.baseUrl}/ServiceProviderConfig`,
        },
      })
    },
  },
  {
    method: 'GET',
    path: '/ResourceTypes',
    public: true,
    async handle(context) {
      return scimResponse(200, list(served(context).map((type) => resourceType(context, type))))
    },
  },
  {
    method: 'GET',
    path: '/ResourceTypes/:id',
    public: true,
    async handle(context) {
      const type = served(context).find((t) => t.id === context.params.id)
      if (!type) throw scimErrors.notFound(`No resource type ${context.params.id}.`)
      return scimResponse(200, resourceType(context, type))
    },
  },
  {
    method: 'GET',
    path: '/Schemas',
    public: true,
    async handle(context) {
      return scimResponse(200, list(servedSchemas(context).map((definition) => schema(context, definition))))
    },
  },
  {
    method: 'GET',
    path: '/Schemas/:id',
    public: true,
    async handle(context) {
      const definition = servedSchemas(context).find((d) => d.id === context.params.id)
      if (!definition) throw scimErrors.notFound(`No schema ${context.params.id}.`)
      return scimResponse(200, schema(context, definition))
    },
  },
]
