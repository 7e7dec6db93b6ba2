// The public Input schemas and Error types of `roster.licenses`, re-exported by `src/index.ts`.
export { AddSeatsInput, type AddSeatsError } from './add-seats.js'
export { AssignLicenseInput, type AssignLicenseError } from './assign-license.js'
export { CreatePoolInput, type CreatePoolError } from './create-pool.js'
export { LicenseSummaryInput, type LicenseSummaryError } from './license-summary.js'
export { RemoveSeatsInput, type RemoveSeatsError } from './remove-seats.js'
export { UnassignLicenseInput, type UnassignLicenseError } from './unassign-license.js'
