import type { BlocklistEntry, BlocklistRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

export function blocklistRepository(unit: Unit): BlocklistRepository {
  return {
    isBlocked: (emailKey) => unit.read((t) => t.read(T.blocklist).has(emailKey)),
    blockedAmong: (keys) =>
      unit.read((t) => [...new Set(keys)].filter((key) => t.read(T.blocklist).has(key))),
    add: (entry) =>
      unit.write((t) => {
        t.write<BlocklistEntry>(T.blocklist).set(entry.emailKey, copy(entry))
      }),
    remove: (emailKey) => unit.write((t) => t.write(T.blocklist).delete(emailKey)),
    list: ({ afterKey, limit }) =>
      unit.read((t) =>
        [...t.read<BlocklistEntry>(T.blocklist).values()]
          .filter((e) => afterKey === undefined || e.emailKey > afterKey)
          .sort((a, b) => (a.emailKey < b.emailKey ? -1 : 1))
          .slice(0, limit)
          .map(copy),
      ),
  }
}
