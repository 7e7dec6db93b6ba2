import { memoryStorage } from '@roster/adapter-memory'
import { secretsAtRestSuite } from '../test-suites/secrets-at-rest.js'

// The memory adapter stores exactly what it is handed, so the call log is its every table.
secretsAtRestSuite({ name: 'memory', makeStorage: () => memoryStorage() })
