import { afterAll, describe } from 'vitest'
import { stringPolicySuite } from '../../core/src/test-suites/string-policy.js'
import { conformanceOptions, harnesses } from './test-support.js'

// SP1–SP5 on PGlite (and on the server named by ROSTER_TEST_DATABASE_URL): hostile strings in every
// probed field answer VALIDATION or are stored normalized, exactly as on memory; never STORAGE_FAILURE.
for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    stringPolicySuite(conformanceOptions(harness))
  })
}
