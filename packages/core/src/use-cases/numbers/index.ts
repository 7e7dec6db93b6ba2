import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type AssignNumberInput, assignNumber } from './assign-number.js'
import { type ImportNumbersInput, importNumbers } from './import-numbers.js'
import { type ListNumbersInput, listNumbers } from './list-numbers.js'
import { type RemoveNumberInput, removeNumber } from './remove-number.js'
import { type UnassignNumberInput, unassignNumber } from './unassign-number.js'

/** `roster.numbers`: the org's phone-number pool (N1–N4). */
export function numbersApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc importNumbers} */
    import: (actor: Actor, input: ImportNumbersInput) => importNumbers(ctx, actor, input),
    /** {@inheritDoc listNumbers} */
    list: (actor: Actor, input: ListNumbersInput) => listNumbers(ctx, actor, input),
    /** {@inheritDoc assignNumber} */
    assign: (actor: Actor, input: AssignNumberInput) => assignNumber(ctx, actor, input),
    /** {@inheritDoc unassignNumber} */
    unassign: (actor: Actor, input: UnassignNumberInput) => unassignNumber(ctx, actor, input),
    /** {@inheritDoc removeNumber} */
    remove: (actor: Actor, input: RemoveNumberInput) => removeNumber(ctx, actor, input),
  }
}

export type NumbersApi = ReturnType<typeof numbersApi>
