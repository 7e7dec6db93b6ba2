// The public Input schemas and Error types of `roster.numbers`, re-exported by `src/index.ts`.
export { AssignNumberInput, type AssignNumberError } from './assign-number.js'
export { ImportNumbersInput, type ImportNumbersError } from './import-numbers.js'
export { ListNumbersInput, type ListNumbersError } from './list-numbers.js'
export { RemoveNumberInput, type RemoveNumberError } from './remove-number.js'
export { UnassignNumberInput, type UnassignNumberError } from './unassign-number.js'
