import { runStorageConformance } from '@roster/core/testing'
import { afterAll, describe } from 'vitest'
import { conformanceOptions, harnesses } from './test-support.js'

// The shared storage suite, on PGlite always and on the server named by ROSTER_TEST_DATABASE_URL
// (there also through `preparedStatements`, whose generic plans must give the same answers).
for (const harness of harnesses({ prepared: true })) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    runStorageConformance(conformanceOptions(harness))
  })
}
