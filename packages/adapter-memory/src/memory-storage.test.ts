import { runStorageConformance } from '@roster/core/testing'
import { memoryStorage } from './memory-storage.js'

runStorageConformance({ name: 'memory', makeStorage: () => memoryStorage() })
