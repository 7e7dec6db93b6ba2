export { memoryStorage, memoryStorageTables } from './memory-storage.js'
