import { memoryStorage } from '@roster/adapter-memory'
import { enumerationTimingSuite } from '../../test-suites/enumeration-timing.js'

// EN4 on the memory adapter; the Postgres adapter runs the same suite on PGlite and a real server.
enumerationTimingSuite({ name: 'memory', makeStorage: () => memoryStorage() })
