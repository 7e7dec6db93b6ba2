export { dumpMemoryStorage, memoryStorage } from './memory-storage.js'
