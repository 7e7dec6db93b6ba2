// Type tests of the per-code `details` map, checked by `pnpm typecheck` (tsc): a wrong type fails
// the build, and each `@ts-expect-error` fails it too if the error it expects goes away.
import { expectTypeOf } from 'vitest'
import { type ErrorDetailsByCode, type RosterError, rosterError, type ValidationIssue } from './errors.js'

// Each code's details have that code's shape.
type SeatDetails = NonNullable<RosterError<'NO_SEATS_AVAILABLE'>['details']>
expectTypeOf<SeatDetails['product']>().toEqualTypeOf<string>()
expectTypeOf<SeatDetails['seats']>().toEqualTypeOf<number>()
expectTypeOf<NonNullable<RosterError<'VALIDATION'>['details']>['issues']>().toEqualTypeOf<ValidationIssue[]>()
expectTypeOf<ErrorDetailsByCode['ORG_NOT_FOUND']>().toEqualTypeOf<{ orgId: string }>()

// rosterError refuses details that do not fit the code…
rosterError('NO_SEATS_AVAILABLE', { details: { product: 'pbx', seats: 2, assigned: 2 } })
// @ts-expect-error `seats` must be a number
rosterError('NO_SEATS_AVAILABLE', { details: { product: 'pbx', seats: '2', assigned: 2 } })
// @ts-expect-error `assigned` is missing
rosterError('NO_SEATS_AVAILABLE', { details: { product: 'pbx', seats: 2 } })
// @ts-expect-error VALIDATION details carry `issues`
rosterError('VALIDATION', { details: { product: 'pbx' } })
// @ts-expect-error NOT_FOUND names an entity it knows
rosterError('NOT_FOUND', { details: { entity: 'unicorn' } })
// @ts-expect-error codes without details take none
rosterError('TOKEN_INVALID', { details: { token: 'x' } })

// …and a branch on `code` narrows `details` with no cast.
declare const error: RosterError<'VALIDATION' | 'NO_SEATS_AVAILABLE' | 'NOT_FOUND' | 'STORAGE_FAILURE'>
if (error.code === 'VALIDATION')
  expectTypeOf(error.details?.issues).toEqualTypeOf<ValidationIssue[] | undefined>()
if (error.code === 'NO_SEATS_AVAILABLE')
  expectTypeOf(error.details?.assigned).toEqualTypeOf<number | undefined>()
if (error.code === 'NOT_FOUND' && error.details?.entity === 'connection')
  expectTypeOf(error.details.connectionId).toEqualTypeOf<string>()
// CONFLICT still comes along with STORAGE_FAILURE, with its own details.
if (error.code === 'CONFLICT') expectTypeOf(error.details?.reason).toEqualTypeOf<string | undefined>()
// A narrower error is still a RosterError.
expectTypeOf<RosterError<'VALIDATION'>>().toExtend<RosterError>()
