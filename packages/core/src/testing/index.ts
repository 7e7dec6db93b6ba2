// @roster/core/testing: helpers for tests of Roster and of apps built on it. It imports vitest
// (the conformance suite registers tests), so load it only under vitest; scripts and demos take
// createMemoryMailer and createFixedClock from '@roster/core' instead.
export { createMemoryMailer, type MemoryMailer } from './memory-mailer.js'
export { createFixedClock, type FixedClock } from './fixed-clock.js'
export { runStorageConformance, type StorageConformanceOptions } from './conformance/index.js'
export {
  withStorageFaults,
  InjectedStorageFault,
  type FaultyStorage,
} from './faults/faulty-storage.js'
export {
  runFaultInjection,
  storageFaultTarget,
  type FaultInjectionOptions,
  type FaultInjector,
  type FaultTarget,
} from './faults/run-fault-injection.js'
