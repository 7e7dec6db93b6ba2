// The schemas this provider serves at /Schemas (RFC 7643 §7, §8.7.1): the core User and Group and
// the enterprise User extension, with the characteristics of RFC 7643 §4 and §2.2 — what a
// client may send, what it gets back, what is compared ignoring case. Written from the RFC text.

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema'

type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex'

/** An attribute definition (RFC 7643 §7). */
export interface AttributeDefinition {
  name: string
  type: AttributeType
  multiValued: boolean
  description: string
  required: boolean
  caseExact: boolean
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly'
  returned: 'always' | 'never' | 'default' | 'request'
  uniqueness: 'none' | 'server' | 'global'
  canonicalValues?: string[]
  referenceTypes?: string[]
  subAttributes?: AttributeDefinition[]
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>

/** An attribute with RFC 7643 §2.2's defaults for what it does not say. */
function attribute(
  name: string,
  type: AttributeType,
  description: string,
  options: Options = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  }
}

/** The sub-attributes every plural attribute of RFC 7643 §2.4 has: value, display, type, primary. */
function plural(
  name: string,
  description: string,
  types: string[],
  valueType: AttributeType = 'string',
  valueOptions: Options = {},
) {
  return attribute(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      attribute('value', valueType, `The value of one of the user's ${name}.`, valueOptions),
      attribute('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attribute(
        'type',
        'string',
        'A label indicating the function of this value.',
        types.length ? { canonicalValues: types } : {},
      ),
      attribute('primary', 'boolean', 'Whether this is the primary value of the attribute; at most one is.'),
    ],
  })
}

const userAttributes: AttributeDefinition[] = [
  attribute(
    'userName',
    'string',
    'Unique identifier for the User, typically used to sign in. Compared ignoring case.',
    {
      required: true,
      uniqueness: 'server',
    },
  ),
  attribute('name', 'complex', "The components of the user's real name.", {
    subAttributes: [
      attribute('formatted', 'string', 'The full name, formatted for display.'),
      attribute('familyName', 'string', 'The family name (last name in most Western languages).'),
      attribute('givenName', 'string', 'The given name (first name in most Western languages).'),
      attribute('middleName', 'string', 'The middle name(s).'),
      attribute('honorificPrefix', 'string', 'The honorific prefix(es), e.g. "Ms.".'),
      attribute('honorificSuffix', 'string', 'The honorific suffix(es), e.g. "III".'),
    ],
  }),
  attribute('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
  attribute('nickName', 'string', 'The casual way to address the user.'),
  attribute('profileUrl', 'reference', "A URI of the user's online profile.", {
    referenceTypes: ['external'],
  }),
  attribute('title', 'string', 'The user\'s title, such as "Vice President".'),
  attribute('userType', 'string', 'The relationship between the organization and the user, e.g. "Employee".'),
  attribute(
    'preferredLanguage',
    'string',
    "The user's preferred written or spoken language (RFC 7231 Accept-Language form).",
  ),
  attribute(
    'locale',
    'string',
    "The user's default location for localization (a language tag such as en-US).",
  ),
  attribute('timezone', 'string', "The user's time zone in IANA form, e.g. America/Los_Angeles."),
  attribute('active', 'boolean', "The user's administrative status: false disables the membership."),
  attribute('password', 'string', 'Never stored nor returned: Roster accounts set their own password.', {
    mutability: 'writeOnly',
    returned: 'never',
  }),
  plural('emails', 'Email addresses; the work (or primary) one is where Roster mails.', [
    'work',
    'home',
    'other',
  ]),
  plural('phoneNumbers', 'Phone numbers in international form.', [
    'work',
    'home',
    'mobile',
    'fax',
    'pager',
    'other',
  ]),
  plural('ims', 'Instant messaging addresses.', [
    'aim',
    'gtalk',
    'icq',
    'xmpp',
    'msn',
    'skype',
    'qq',
    'yahoo',
  ]),
  plural('photos', 'URLs of photos of the user.', ['photo', 'thumbnail'], 'reference', {
    referenceTypes: ['external'],
  }),
  attribute('addresses', 'complex', 'Physical mailing addresses.', {
    multiValued: true,
    subAttributes: [
      attribute('formatted', 'string', 'The full mailing address, formatted for display.'),
      attribute('streetAddress', 'string', 'The full street address component.'),
      attribute('locality', 'string', 'The city or locality component.'),
      attribute('region', 'string', 'The state or region component.'),
      attribute('postalCode', 'string', 'The zip code or postal code component.'),
      attribute('country', 'string', 'The country name component (ISO 3166-1 alpha-2).'),
      attribute('type', 'string', 'A label indicating the function of this address.', {
        canonicalValues: ['work', 'home', 'other'],
      }),
      attribute('primary', 'boolean', 'Whether this is the primary address.'),
    ],
  }),
  attribute('groups', 'complex', 'The groups the user belongs to; changed through the Group resource only.', {
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      attribute('value', 'string', 'The id of the group.', { mutability: 'readOnly' }),
      attribute('$ref', 'reference', 'The URI of the group.', {
        mutability: 'readOnly',
        referenceTypes: ['Group'],
      }),
      attribute('display', 'string', 'The display name of the group.', { mutability: 'readOnly' }),
      attribute('type', 'string', 'direct or indirect membership.', {
        mutability: 'readOnly',
        canonicalValues: ['direct', 'indirect'],
      }),
    ],
  }),
  plural('entitlements', 'Entitlements of the user.', []),
  plural('roles', 'Roles of the user (kept as sent; Roster roles come from group mappings).', []),
  plural('x509Certificates', 'X.509 certificates of the user (DER, base64).', [], 'string'),
]

const groupAttributes: AttributeDefinition[] = [
  attribute('displayName', 'string', 'A human-readable name for the group.', { required: true }),
  attribute('members', 'complex', 'The members of the group.', {
    multiValued: true,
    subAttributes: [
      attribute('value', 'string', 'The id of the member.', { mutability: 'immutable' }),
      attribute('$ref', 'reference', 'The URI of the member.', {
        mutability: 'immutable',
        referenceTypes: ['User', 'Group'],
      }),
      attribute('display', 'string', 'The display name of the member.', { mutability: 'readOnly' }),
      attribute('type', 'string', 'The type of the member.', {
        mutability: 'immutable',
        canonicalValues: ['User', 'Group'],
      }),
    ],
  }),
]

const enterpriseAttributes: AttributeDefinition[] = [
  attribute('employeeNumber', 'string', 'A string identifier assigned by the organization.'),
  attribute('costCenter', 'string', 'The name of a cost center.'),
  attribute('organization', 'string', 'The name of an organization.'),
  attribute('division', 'string', 'The name of a division.'),
  attribute(
    'department',
    'string',
    'The name of a department: the Roster department of that name (created when missing).',
  ),
  attribute('manager', 'complex', "The user's manager.", {
    subAttributes: [
      attribute('value', 'string', 'The id of the manager.'),
      attribute('$ref', 'reference', 'The URI of the manager.', { referenceTypes: ['User'] }),
      attribute('displayName', 'string', 'The display name of the manager.', { mutability: 'readOnly' }),
    ],
  }),
]

/** A schema definition as /Schemas serves it (without `meta`, which carries the mount's URL). */
export interface SchemaDefinition {
  id: string
  name: string
  description: string
  attributes: AttributeDefinition[]
}

export const SCHEMAS: readonly SchemaDefinition[] = [
  { id: USER_SCHEMA, name: 'User', description: 'User Account', attributes: userAttributes },
  { id: GROUP_SCHEMA, name: 'Group', description: 'Group', attributes: groupAttributes },
  {
    id: ENTERPRISE_USER_SCHEMA,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: enterpriseAttributes,
  },
]

/**
 * Whether a value of the attribute at `path` (lower-cased names, the extension URN first when
 * there is one) compares exactly (RFC 7643 §2.2 caseExact). `id` and `externalId` do; every
 * string attribute of these schemas but `x509Certificates.value` does not.
 */
export function isCaseExact(path: readonly string[]): boolean {
  const [first] = path
  return first === 'id' || first === 'externalid' || first === 'x509certificates' || first === 'meta'
}
