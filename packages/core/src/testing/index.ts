// @roster/core/testing: helpers for tests of Roster and of apps built on it.
export { createMemoryMailer, type MemoryMailer } from './memory-mailer.js'
export { createFixedClock, type FixedClock } from './fixed-clock.js'
export { runStorageConformance, type StorageConformanceOptions } from './conformance/index.js'
