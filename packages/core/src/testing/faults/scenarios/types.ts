// The shape of a fault scenario: one write use-case, the state it starts from, and how the harness
// reads its answer.
import type { PolicyInput } from '../../../policy.js'
import type { FaultWorld, SetupHelpers } from '../world.js'

/** Ids and secrets a setup hands its scenario's run. */
export type ScenarioValues = Record<string, string>

/** What a use-case answers (a neverthrow `Result`: `value` when ok, `error` otherwise). */
export interface ScenarioResult {
  isOk(): boolean
  isErr(): boolean
  readonly value?: unknown
  readonly error?: unknown
}

/** The code of an error answer, if it is one. */
export function errorCode(result: ScenarioResult): string | undefined {
  return result.isErr() ? (result.error as { code?: string } | undefined)?.code : undefined
}

/** One write use-case under fault injection. */
export interface FaultScenario {
  /** The roster method, `namespace.method`, with a note when one method has several scenarios. */
  name: string
  /** Builds the state the use-case starts from (on a storage that does not fail). */
  setup?(helpers: SetupHelpers, world: FaultWorld): Promise<ScenarioValues>
  /** Calls the use-case. */
  run(world: FaultWorld, values: ScenarioValues): Promise<ScenarioResult>
  /**
   * Whether the answer says the change was made. Default: `ok`. A call whose answer carries
   * several outcomes (a row of `addMany`) or whose expected answer is an error that records
   * something (a wrong password counts a failed sign-in) says so here.
   */
  applied?(result: ScenarioResult): boolean
  /**
   * The use-case is delivery itself (`outbox.dispatch`): its answer is a tally of what happened to
   * each message, so instead of comparing with the clean run the harness checks the tally against
   * the mail that went out, and that none went out twice.
   */
  delivery?: true
  /**
   * Tables where the use-case records the attempt itself, whatever its outcome (a rate-limit hit
   * counts the request even when storage then fails: A9's limit must hold during an outage).
   * A refused run may change these; nothing else.
   */
  attemptTables?: readonly string[]
  /**
   * A use-case of several transactions (a sync of batches, a disconnect): a stop part-way may
   * leave the batches it committed (the report says so, or the answer is an error), and running it
   * again without faults MUST complete it. The harness checks that rerun instead of "nothing stored".
   */
  resumable?: true
  /**
   * The use-case answers before it does its work (EN4: `requestNewLink`, `requestPasswordReset`
   * answer `ok` before looking anything up), so a fault in the work cannot change the answer. The
   * work must still be all or nothing: an ok run stores exactly what the clean run does, or nothing
   * beyond its `attemptTables`.
   */
  answersBeforeWork?: true
  /** The roster policy for this scenario (default: Roster's defaults). */
  policy?: PolicyInput
}
