import type { Storage } from '@roster/core/storage'
import { afterAll, describe } from 'vitest'
import { stringPolicySuite } from '../../core/src/test-suites/string-policy.js'
import { harnesses, type TestDatabase } from './test-support.js'

// SP1–SP5 on PGlite (and on the server named by ROSTER_TEST_DATABASE_URL): hostile strings in every
// probed field answer VALIDATION or are stored normalized, exactly as on memory; never STORAGE_FAILURE.
for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    const open = new Map<Storage, TestDatabase>()
    stringPolicySuite({
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
