import type { DirectoryPerson, DirectorySource } from '@roster/core'

/**
 * The demo's outside directory: a cleaning contractor's staff list. In a real app this reads an
 * HR system, a CSV or an API page by page; Roster syncs the people it lists in as guests, and the
 * fields it provides are managed by it (read-only in the staff screen).
 */
export const CONTRACTORS: DirectoryPerson[] = [
  {
    externalId: 'bc-101',
    email: 'sam.sweep@brightclean.test',
    firstName: 'Sam',
    lastName: 'Sweep',
    title: 'Cleaner',
  },
  {
    externalId: 'bc-102',
    email: 'kim.mop@brightclean.test',
    firstName: 'Kim',
    lastName: 'Mop',
    title: 'Cleaner',
  },
  {
    externalId: 'bc-103',
    email: 'lee.shine@brightclean.test',
    firstName: 'Lee',
    lastName: 'Shine',
    title: 'Supervisor',
  },
]

export const contractorsSource: DirectorySource = {
  async *list() {
    yield* CONTRACTORS
  },
}

export const DEMO_DIRECTORY_SOURCES = { 'bright-clean': contractorsSource }
