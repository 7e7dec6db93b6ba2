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
    /**
     * Imports phone numbers into the org's pool as E.164, parsed and normalized by libphonenumber (N1,
     * `numbers:manage`).
     * @see `importNumbers` in `use-cases/numbers/import-numbers.ts` for the rules it implements and an example.
     */
    import: (actor: Actor, input: ImportNumbersInput) => importNumbers(ctx, actor, input),
    /**
     * A page of the org's number pool, by number (`numbers:assign` or `numbers:manage`), optionally only the
     * `available` or `assigned` ones or one member's.
     * @see `listNumbers` in `use-cases/numbers/list-numbers.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListNumbersInput) => listNumbers(ctx, actor, input),
    /**
     * Gives an available pool number to an employee (N2, N3, `numbers:assign`).
     * @see `assignNumber` in `use-cases/numbers/assign-number.ts` for the rules it implements and an example.
     */
    assign: (actor: Actor, input: AssignNumberInput) => assignNumber(ctx, actor, input),
    /**
     * Takes a number from its member back to the pool (N4, `numbers:assign`): it becomes available and its
     * seat is free at once, in the same transaction (L4).
     * @see `unassignNumber` in `use-cases/numbers/unassign-number.ts` for the rules it implements and an example.
     */
    unassign: (actor: Actor, input: UnassignNumberInput) => unassignNumber(ctx, actor, input),
    /**
     * Removes a number from the org's pool (`numbers:manage`).
     * @see `removeNumber` in `use-cases/numbers/remove-number.ts` for the rules it implements and an example.
     */
    remove: (actor: Actor, input: RemoveNumberInput) => removeNumber(ctx, actor, input),
  }
}

export type NumbersApi = ReturnType<typeof numbersApi>
