import { memoryStorage, memoryStorageTables } from '@roster/adapter-memory'
import { crossOrgSuite } from '../test-suites/cross-org.js'

crossOrgSuite({
  name: 'memory',
  makeStorage: () => memoryStorage(),
  dumpTables: async (storage) => memoryStorageTables(storage),
})
