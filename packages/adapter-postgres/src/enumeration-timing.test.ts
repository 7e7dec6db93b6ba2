import type { Storage } from '@roster/core/storage'
import { afterAll, describe } from 'vitest'
import { enumerationTimingSuite } from '../../core/src/test-suites/enumeration-timing.js'
import { harnesses, type TestDatabase } from './test-support.js'

// EN4 on PGlite (and on the server named by ROSTER_TEST_DATABASE_URL): the public request paths
// answer in the same time whether or not an account has the address.
for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    const open = new Map<Storage, TestDatabase>()
    enumerationTimingSuite({
      name: `postgres (${harness.name})`,
      makeStorage: async () => {
        const database = await harness.open()
        open.set(database.storage, database)
        return database.storage
      },
      disposeStorage: async (storage) => {
        const database = open.get(storage)
        open.delete(storage)
        if (database) await harness.dispose(database)
      },
    })
  })
}
