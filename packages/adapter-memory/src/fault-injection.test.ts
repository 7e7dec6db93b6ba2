import { runFaultInjection, storageFaultTarget } from '@roster/core/testing'
import { memoryStorageTables, memoryStorage } from './memory-storage.js'

// Issue 13: every write use-case with each of its storage-port calls failing in turn (the
// transaction and its commit included); the answer must match what is stored. Every call of every
// use-case by default here (memory is fast); ROSTER_FAULT_FULL is for the slower adapters.
runFaultInjection({
  name: 'memory',
  outboxTable: 'outbox',
  injections: 'all',
  open: async () => {
    const storage = memoryStorage()
    return storageFaultTarget(storage, () => memoryStorageTables(storage))
  },
})
