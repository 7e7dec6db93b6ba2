/** The source of time. Core never reads the ambient clock; tests pass `createFixedClock()`. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
