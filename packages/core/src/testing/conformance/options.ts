import type { Storage } from '../../ports/storage.js'

/** Options of `runStorageConformance`. */
export interface StorageConformanceOptions {
  /** Shown in the suite's name. */
  name: string
  /** A fresh, empty, migrated storage; called once per test. */
  makeStorage: () => Storage | Promise<Storage>
  /** Releases a storage after its test (close pools, drop schemas). */
  disposeStorage?: (storage: Storage) => void | Promise<void>
}
