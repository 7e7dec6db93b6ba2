// The world the license tests share.
import { createTestRoster } from '@roster/test-support'

/** A roster with an org, its founder, an admin and two employees (added by the system actor). */
export async function setup() {
  const t = createTestRoster()
  const { org, founder } = await t.orgWithFounder()
  const admin = await t.member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
  const ada = await t.member(org.id, 'ada@example.com')
  const bob = await t.member(org.id, 'bob@example.com')
  const guest = await t.member(org.id, 'guest@example.com', undefined, 'guest')
  const audit = (action: string) => t.storage.audit.list({ orgId: org.id, action, limit: 100 })
  const summary = async () => (await t.roster.licenses.summary(admin, { orgId: org.id }))._unsafeUnwrap()
  return { ...t, org, founder, admin, ada, bob, guest, audit, summary }
}
