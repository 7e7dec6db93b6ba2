import { memoryStorage } from '@roster/adapter-memory'
import { stringPolicySuite } from '../test-suites/string-policy.js'

// SP1–SP5 on the memory adapter; the Postgres adapter runs the same suite on PGlite and a real server.
stringPolicySuite({ name: 'memory', makeStorage: () => memoryStorage() })
