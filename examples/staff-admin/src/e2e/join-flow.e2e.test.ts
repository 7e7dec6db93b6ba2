// The outsider's flow in a real browser, at 1280×800 and 390×844 (issue 18, finding 4): sign up →
// activate through the mailed link → ask to join by the org's code → an admin denies with a reason →
// the requester reads it and asks again → the admin approves → the requester opens the org. Axe on
// every state, no horizontal overflow on phones; a keyboard-only sign-up and join request; and the
// API going away: loading, then a visible failure with "Try again", never an empty list (finding 7).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  DESKTOP,
  type E2E,
  focusedName,
  hasChromium,
  mailedToken,
  PEOPLE,
  tabTo,
  useE2E,
  VIEWPORTS,
} from './harness.js'

const PASSWORD = 'a long new requester password'

async function activate(e2e: E2E, page: Page, email: string) {
  await page.goto(
    `${e2e.demo.url}/activate?token=${encodeURIComponent(mailedToken(e2e, email, 'activation'))}`,
  )
  await page.getByLabel('New password').fill(PASSWORD)
  await page.getByLabel('Repeat the password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Activate my account' }).click()
  await page.getByRole('heading', { name: 'Your account is active' }).waitFor()
}

/**
 * The admin's side, in a context of its own at desktop size (the admin tabs' phone layout is the
 * admin flow's file): the demo's Join requests tab.
 */
async function decide(e2e: E2E, name: string, decision: 'deny' | 'approve', reason = '') {
  const admin = await e2e.open(DESKTOP)
  await e2e.signIn(admin, e2e.demo.login)
  await admin.getByRole('tab', { name: /Join requests/ }).click()
  // The waiting card (the history below lists the same person once decided).
  const card = admin
    .getByRole('listitem')
    .filter({ hasText: name })
    .filter({ has: admin.getByRole('button', { name: `Deny ${name}` }) })
  await card.first().waitFor()
  if (decision === 'deny') {
    // Denying asks first, and the question takes the reason mailed to them.
    await card.getByRole('button', { name: `Deny ${name}` }).click()
    const question = admin.getByRole('dialog', { name: `Deny the request of ${name}?` })
    await question.getByLabel(/Reason if you deny/).fill(reason)
    await question.getByRole('button', { name: 'Deny', exact: true }).click()
  } else {
    await card.getByRole('button', { name: `Approve ${name} as an employee` }).click()
  }
  await card.waitFor({ state: 'detached' })
  await admin.context().close()
}

describe.skipIf(!hasChromium)('outsider: sign-up, join request, decision', () => {
  const e2e = useE2E()

  describe.each(VIEWPORTS)('at $name ($width×$height)', (viewport) => {
    it('signs up, activates, asks to join, reads the denial and its reason, asks again and is approved', async () => {
      const email = `nia.${viewport.name}@new.test`
      const page = await e2e.open(viewport, '/sign-in')
      await page.getByRole('link', { name: 'New here? Create an account' }).click()
      await page.getByRole('heading', { name: 'Create your account' }).waitFor()
      // First focus on the first field (finding 10).
      expect(await focusedName(page)).toContain('First name')
      await e2e.check(page, 'join-01-sign-up')

      // A bad address is said at its field, and nothing is sent.
      await page.getByLabel(/First name/).fill('Nia')
      await page.getByLabel(/Last name/).fill(viewport.name)
      await page.getByLabel(/Email/).fill('not an address')
      await page.getByRole('button', { name: 'Create my account' }).click()
      await page.getByText('Enter an email address like name@example.com.').waitFor()
      expect(await page.getByLabel(/Email/).getAttribute('aria-invalid')).toBe('true')
      await e2e.check(page, 'join-02-sign-up-invalid')
      await page.getByLabel(/Email/).fill(email)
      await page.getByRole('button', { name: 'Create my account' }).click()
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor()
      await e2e.check(page, 'join-03-check-inbox')

      await activate(e2e, page, email)
      await e2e.signIn(page, { username: email, password: PASSWORD })
      // Not a member anywhere: what is going on and what to do, not "You do not belong…" (finding 4).
      await page.getByText('You do not belong to any organization yet.').waitFor()
      await page.getByText('You have not asked to join any organization.').waitFor()
      await e2e.check(page, 'join-04-newcomer-home')

      const code = page.getByLabel(/Organization code/)
      await code.fill('no-such-org')
      await page.getByRole('button', { name: 'Send request' }).click()
      await page.getByText('No organization has this code. Check it with them.').waitFor()
      await code.fill(e2e.demo.org.orgId)
      await page.getByLabel(/Message to the admins/).fill('I run the front desk on Sundays.')
      await page.getByRole('button', { name: 'Send request' }).click()
      const card = page.getByRole('listitem').filter({ hasText: 'Acme Property Management' })
      await card.getByText('Waiting for an admin').waitFor()
      await e2e.check(page, 'join-05-request-waiting')

      const name = `Nia ${viewport.name}`
      await decide(e2e, name, 'deny', 'We only take staff with a contract.')
      await page.reload()
      await card.getByText('Denied').waitFor()
      await card.getByText('Reason given: We only take staff with a contract.').waitFor()
      await e2e.check(page, 'join-06-request-denied')

      // Asking again after a denial is allowed (J1); the admin approves this time.
      await page.getByLabel(/Organization code/).fill(e2e.demo.org.orgId)
      await page.getByRole('button', { name: 'Send request' }).click()
      await expect.poll(() => page.getByText('Waiting for an admin').count()).toBe(1)
      await decide(e2e, name, 'approve')
      await page.reload()
      // Now an active member: home is the org's staff screen.
      await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor()
      await page.goto(`${e2e.demo.url}/join`)
      const approved = page.getByRole('listitem').filter({ hasText: 'Approved' })
      await approved.first().waitFor()
      await e2e.check(page, 'join-07-request-approved')
      await page.getByRole('button', { name: 'Open Acme Property Management' }).first().click()
      await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor()
      expect(e2e.errors).toEqual([])
    })
  })

  it('keyboard only: sign up, then send a join request, without a click', async () => {
    const email = 'kim.keys@new.test'
    const page = await e2e.open(DESKTOP, '/sign-up')
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await page.keyboard.type('Kim')
    await tabTo(page, page.getByLabel(/Last name/))
    await page.keyboard.type('Keys')
    await tabTo(page, page.getByLabel(/Email/))
    await page.keyboard.type(email)
    await tabTo(page, page.getByLabel('Language'))
    await tabTo(page, page.getByRole('button', { name: 'Create my account' }))
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor()
    // The answer takes the focus, so a screen reader reads it.
    expect(await focusedName(page)).toBe('Check your inbox')

    await activate(e2e, page, email)
    await e2e.signIn(page, { username: email, password: PASSWORD }, `/join?org=${e2e.demo.org.orgId}`)
    await page.getByText('You have not asked to join any organization.').waitFor()
    expect(await page.getByLabel(/Organization code/).inputValue()).toBe(e2e.demo.org.orgId)
    await tabTo(page, page.getByLabel(/Message to the admins/))
    await page.keyboard.type('Keyboard only.')
    await tabTo(page, page.getByRole('button', { name: 'Send request' }))
    await page.keyboard.press('Enter')
    const card = page.getByRole('listitem').filter({ hasText: 'Acme Property Management' })
    await card.getByText('Waiting for an admin').waitFor()

    // Withdraw by keyboard: the confirmation starts on the safe answer, Escape closes it, focus comes back.
    const withdraw = card.getByRole('button', {
      name: 'Withdraw my request to join Acme Property Management',
    })
    await tabTo(page, withdraw, { backwards: true })
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor()
    await expect.poll(() => focusedName(page)).toBe('Cancel')
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    // React Aria gives focus back in an animation frame after the dialog leaves.
    await expect.poll(() => focusedName(page)).toBe('Withdraw my request to join Acme Property Management')
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor()
    await tabTo(page, page.getByRole('dialog').getByRole('button', { name: 'Withdraw my request' }), {
      backwards: true,
    })
    await page.keyboard.press('Enter')
    await card.getByText('Withdrawn').waitFor()
    await expect.poll(() => focusedName(page)).toBe('My join requests')
    expect(e2e.errors).toEqual([])
  })

  it('server down: the requests show loading, then a failure with Try again — never an empty list (finding 7)', async () => {
    const page = await e2e.open(DESKTOP, '/sign-in')
    let down = true
    // Every call to the Roster API is refused as by a stopped server, after a moment (so loading shows).
    await page.route('**/api/roster/**', async (route) => {
      if (!down) return route.continue()
      await new Promise((resolve) => setTimeout(resolve, 300))
      return route.abort('connectionrefused')
    })
    await e2e.signIn(page, PEOPLE.joe, '/join')
    await page.getByText('Loading your requests…').waitFor()
    const failure = page.getByRole('alert').filter({ hasText: 'The server could not be reached' })
    await failure.first().waitFor({ timeout: 30_000 })
    expect(await page.getByText('You have not asked to join any organization.').count()).toBe(0)
    await e2e.check(page, 'join-08-server-down')
    down = false
    // Each list says it failed on its own, and retries on its own.
    const requests = page.getByRole('region', { name: 'My join requests' })
    await requests.getByRole('button', { name: 'Try again' }).click()
    await requests.getByText('Waiting for an admin').waitFor()
    const orgs = page.getByRole('region', { name: 'My organizations' })
    await orgs.getByRole('button', { name: 'Try again' }).click()
    await orgs.getByText('You do not belong to any organization yet.').waitFor()
    expect(e2e.errors).toEqual([])
  })
})
