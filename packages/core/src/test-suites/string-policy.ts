// SP1–SP5 (security guide): one string policy on every adapter. Generates hostile strings (NUL,
// unpaired surrogates, C0/C1 controls, bidi controls, zero-width-only values, CR/LF, combining runs,
// NFC/NFD pairs, very long values) into string fields of use-case inputs, and checks that each answer
// is what the field's schema alone decides — `VALIDATION` at that field, or accepted and stored
// normalized — never `STORAGE_FAILURE`. Run by the memory adapter (core) and the Postgres adapter
// (PGlite, and the server named by ROSTER_TEST_DATABASE_URL), so every adapter answers alike.
import * as fc from 'fast-check'
import type { Result } from 'neverthrow'
import { describe, expect, it } from 'vitest'
import type * as z from 'zod'
import { DepartmentName, Id, OrgName, PersonName, ResourceName, RoleName } from '../domain/schemas.js'
import { policedText } from '../domain/text-policy.js'
import type { Storage } from '../ports/storage.js'
import { createTestRoster } from '@roster/test-support'

/** Options of `stringPolicySuite`. */
export interface StringPolicySuiteOptions {
  name: string
  makeStorage: () => Storage | Promise<Storage>
  disposeStorage?: (storage: Storage) => void | Promise<void>
}

/** Generated values per field (ROSTER_PROPERTY_RUNS, default 25). */
const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 25)

const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u3164',
  '\u115f',
  '\ufe0f',
  'e\u0301',
  '\u00e9',
  '\u0301',
  '\u0301'.repeat(31),
  'A\u030a',
  '\u212b',
  '\ufb01',
]
const PLAIN = ['Ada', 'Zoë', 'دوست', 'Łukasz', ' ', '  ', '-', '😀', 'Team 👩\u200d💻']

/** Hostile strings: hostile pieces among plain ones, arbitrary code units, and now and then a long run. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...HOSTILE),
        fc.constantFrom(...PLAIN),
        fc.string({ unit: 'binary', maxLength: 4 }),
      ),
      {
        maxLength: 6,
      },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(...HOSTILE),
  fc.nat({ max: 400 }).map((n) => 'x'.repeat(n)),
)

type T = ReturnType<typeof createTestRoster>
interface World {
  t: T
  orgId: string
  founder: { accountId: string }
  memberId: string
}

interface Probe {
  /** The use-case and the field the value goes into. */
  name: string
  field: string
  schema: z.ZodType
  /** Makes the value unique where the field is a key that must not repeat (department, role names). */
  unique?: boolean
  call(w: World, value: string): unknown
  /** The stored value after an `ok`, to check it is the normalized one. */
  stored?(w: World, result: unknown): Promise<string | null | undefined>
}

const Title = policedText('line', { min: 0, max: 200 })
const Message = policedText('multiline', { min: 0, max: 1000 })
const Search = policedText('line', { min: 0, max: 100 })

const PROBES: Probe[] = [
  {
    name: 'orgs.create',
    field: 'name',
    schema: OrgName,
    call: (w, name) => w.t.roster.orgs.create(w.founder, { name }),
    stored: async (w, r) => (await w.t.storage.orgs.findById((r as { id: string }).id))?.name,
  },
  {
    name: 'orgs.update',
    field: 'name',
    schema: OrgName,
    call: (w, name) => w.t.roster.orgs.update(w.founder, { orgId: w.orgId, name }),
    stored: async (w) => (await w.t.storage.orgs.findById(w.orgId))?.name,
  },
  {
    name: 'members.add',
    field: 'firstName',
    schema: PersonName,
    call: (w, firstName) =>
      w.t.roster.members.add(w.founder, {
        orgId: w.orgId,
        email: `p${++counter}@example.com`,
        firstName,
        lastName: 'L',
      }),
    stored: async (w, r) =>
      (await w.t.storage.accounts.findById((r as { accountId: string }).accountId))?.firstName,
  },
  {
    name: 'members.add',
    field: 'title',
    schema: Title,
    call: (w, title) =>
      w.t.roster.members.add(w.founder, {
        orgId: w.orgId,
        email: `t${++counter}@example.com`,
        firstName: 'F',
        lastName: 'L',
        title,
      }),
    stored: async (_w, r) => (r as { title: string | null }).title ?? '',
  },
  {
    name: 'members.update',
    field: 'lastName',
    schema: PersonName,
    call: (w, lastName) =>
      w.t.roster.members.update(w.founder, { orgId: w.orgId, accountId: w.memberId, lastName }),
    stored: async (w) => (await w.t.storage.accounts.findById(w.memberId))?.lastName,
  },
  {
    name: 'departments.create',
    field: 'name',
    schema: DepartmentName,
    unique: true,
    call: (w, name) => w.t.roster.departments.create(w.founder, { orgId: w.orgId, name }),
    stored: async (_w, r) => (r as { name: string }).name,
  },
  {
    name: 'roles.define',
    field: 'name',
    schema: RoleName,
    unique: true,
    call: (w, name) =>
      w.t.roster.roles.define(w.founder, { orgId: w.orgId, name, permissions: ['members:read'] }),
    stored: async (_w, r) => (r as { name: string }).name,
  },
  {
    name: 'resources.create',
    field: 'name',
    schema: ResourceName,
    call: (w, name) => w.t.roster.resources.create(w.founder, { orgId: w.orgId, type: 'building', name }),
    stored: async (_w, r) => (r as { name: string }).name,
  },
  {
    name: 'members.list',
    field: 'search',
    schema: Search,
    call: (w, search) => w.t.roster.members.list(w.founder, { orgId: w.orgId, search }),
  },
  {
    name: 'members.get',
    field: 'accountId',
    schema: Id,
    call: (w, accountId) => w.t.roster.members.get(w.founder, { orgId: w.orgId, accountId }),
  },
  {
    name: 'credentials.verify',
    field: 'username',
    schema: policedText('line', { max: 254 }),
    call: (w, username) => w.t.roster.credentials.verify({ username, password: 'not the password' }),
  },
  {
    name: 'joinRequests.create',
    field: 'message',
    schema: Message,
    call: async (w, message) => {
      const person = await w.t.activeAccount(`j${++counter}@example.com`)
      return w.t.roster.joinRequests.create(person, { orgId: w.orgId, message })
    },
  },
]
let counter = 0

/** Independent of the schemas: what no stored text may hold, whatever the field (SP1, SP2, SP4). */
function storedTextIsClean(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!
    // Iterating by code point, a surrogate seen on its own is an unpaired one.
    if (code >= 0xd800 && code <= 0xdfff) return false
    if (code < 0x20 && char !== '\n' && char !== '\t') return false
    if (code >= 0x7f && code <= 0x9f) return false
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return false
  }
  return value === value.normalize('NFC') && value === value.trim()
}

/** Registers the string-policy properties for one storage. */
export function stringPolicySuite(options: StringPolicySuiteOptions): void {
  describe(`string policy (SP1–SP5): ${options.name}`, () => {
    for (const probe of PROBES) {
      it(`SP1–SP5: ${probe.name} ${probe.field} answers as the schema decides, never STORAGE_FAILURE`, async () => {
        const storage = await options.makeStorage()
        try {
          const t = createTestRoster({ storage })
          const { org, founder } = await t.orgWithFounder()
          const member = await t.member(org.id, 'max@example.com')
          const w: World = { t, orgId: org.id, founder, memberId: member.accountId }
          await fc.assert(
            fc.asyncProperty(hostileString, async (raw) => {
              const value = probe.unique ? `${++counter} ${raw}` : raw
              const decided = probe.schema.safeParse(value)
              const result = (await probe.call(w, value)) as Result<unknown, unknown>
              const error = result.isErr()
                ? (result._unsafeUnwrapErr() as { code: string; details?: { issues?: { path: string }[] } })
                : null
              expect(error?.code, JSON.stringify(value)).not.toBe('STORAGE_FAILURE')
              const atField =
                error?.code === 'VALIDATION' && error.details?.issues?.some((i) => i.path === probe.field)
              if (!decided.success) {
                expect(atField, `${JSON.stringify(value)} must be VALIDATION at ${probe.field}`).toBe(true)
                return
              }
              expect(atField, `${JSON.stringify(value)} is valid but refused at ${probe.field}`).toBeFalsy()
              if (result.isOk() && probe.stored) {
                const stored = await probe.stored(w, result.isOk() ? result.value : undefined)
                expect(stored, JSON.stringify(value)).toBe(decided.data)
                expect(storedTextIsClean(String(stored ?? '')), JSON.stringify(stored)).toBe(true)
              }
            }),
            { numRuns: RUNS, seed: 0x51_7e1 },
          )
        } finally {
          await options.disposeStorage?.(storage)
        }
      }, 60_000)
    }
  })
}
