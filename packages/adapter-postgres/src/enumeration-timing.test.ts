import { afterAll, describe } from 'vitest'
import { enumerationTimingSuite } from '../../core/src/test-suites/enumeration-timing.js'
import { conformanceOptions, harnesses } from './test-support.js'

// EN4 on PGlite (and on the server named by ROSTER_TEST_DATABASE_URL): the public request paths
// answer in the same time whether or not an account has the address.
for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    enumerationTimingSuite(conformanceOptions(harness))
  })
}
