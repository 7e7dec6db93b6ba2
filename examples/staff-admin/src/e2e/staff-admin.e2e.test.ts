// The staff-admin demo's main admin flow in a real browser at desktop size: sign in, reset a
// password through the dev mailbox, add, import, edit, search, the member panel, the org's tabs,
// disable, enable and remove. On PGlite, as `pnpm demo` runs it. Other flows: the other files here.
import type { Page } from 'playwright-core'
import { formatPhone } from '@roster/widgets'
import { describe, expect, it } from 'vitest'
import { DESKTOP, hasChromium, useE2E } from './harness.js'

describe.skipIf(!hasChromium)('staff-admin demo in Chromium', () => {
  const e2e = useE2E({ storage: 'postgres' })
  let page: Page
  const capture = (on: Page, name: string, fullPage = true) => e2e.check(on, name, { fullPage })

  it('signs in, adds staff, activates through the mailbox link, and removes them', async () => {
    const demo = e2e.demo
    // Sign in.
    page = await e2e.open(DESKTOP)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await capture(page, '01-sign-in')

    // A forgotten password: the reset link is mailed. The dev mailbox stays shut to strangers (DS1).
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByLabel('Your email').fill('ada@acme.test')
    await page.getByRole('button', { name: 'Mail me a reset link' }).click()
    await page.getByText('a reset link is on its way').waitFor()
    await page.getByRole('link', { name: 'Dev mailbox' }).first().click()
    await page.getByRole('alert').getByText('Sign in as an admin of the demo organization').waitFor()

    // Sign in as the demo org's founder: a wrong password first.
    await page.goto(`${demo.url}/sign-in`)
    await page.getByLabel('Username or email').fill(demo.login.username)
    await page.getByLabel('Password').fill('wrong password!')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong')
    await page.getByLabel('Password').fill(demo.login.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor()

    // Now the dev mailbox opens: Ada's reset link sets her new password.
    await page.getByRole('link', { name: 'Dev mailbox' }).first().click()
    await page
      .getByRole('button', { name: /ada@acme\.test/ })
      .first()
      .click()
    await page.getByRole('link', { name: 'Open the link in this mail' }).click()
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill('ada has a new long password')
    await page.getByRole('button', { name: 'Save the new password' }).click()
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor()
    await page.getByRole('link', { name: 'Staff', exact: true }).click()

    // The staff list, with status badges and per-person buttons.
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor()
    const grace = page.getByRole('row').filter({ hasText: 'grace@acme.test' })
    await grace.getByText('Awaiting activation').waitFor()
    await expect
      .poll(() => grace.getByRole('button', { name: 'Resend activation email to Grace Hopper' }).count())
      .toBe(1)
    const fay = page.getByRole('row').filter({ hasText: 'fay@acme.test' })
    expect(await fay.getByRole('button', { name: /Remove|Disable/ }).count()).toBe(0) // founder, and self
    await capture(page, '02-staff-list')

    // Add staff, with "Save and add another".
    await page.getByRole('button', { name: 'Add staff' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add staff' })
    await dialog.getByLabel('First name').fill('Mary')
    await dialog.getByLabel('Last name').fill('Jackson')
    await dialog.getByLabel('Email').fill('not-an-email')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await dialog.getByText('Check the highlighted fields.').waitFor()
    await dialog.getByLabel('Email').fill('mary@acme.test')
    await capture(page, '03-add-staff')
    await dialog.getByRole('button', { name: 'Save and add another' }).click()
    await dialog.getByText('Added Mary Jackson').waitFor()
    expect(await dialog.getByLabel('First name').inputValue()).toBe('')
    await dialog.getByLabel('First name').fill('Dorothy')
    await dialog.getByLabel('Last name').fill('Vaughan')
    await dialog.getByLabel('Email').fill('dorothy@acme.test')
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await dialog.waitFor({ state: 'detached' })
    const mary = page.getByRole('row').filter({ hasText: 'mary@acme.test' })
    await mary.getByText('Awaiting activation').waitFor()
    await page.getByRole('row').filter({ hasText: 'dorothy@acme.test' }).waitFor()

    // Import from CSV: each row on its own; a bad row is reported by line.
    await page.getByRole('button', { name: 'Import from CSV' }).click()
    const importer = page.getByRole('dialog', { name: 'Import staff' })
    await importer
      .getByLabel('CSV rows')
      .fill(
        'email, first name, last name, title\nmae@acme.test, Mae, Jemison, Night porter\nnot-an-email, Bad, Row',
      )
    await importer.getByRole('button', { name: 'Import 2 people' }).click()
    // The bad row is line 3 of the file (the header is line 1); it stays in the box, Mae leaves it.
    await importer.getByText(/Line 3:/).waitFor()
    expect(await importer.getByLabel('CSV rows').inputValue()).not.toContain('mae@acme.test')
    await importer.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('row').filter({ hasText: 'mae@acme.test' }).waitFor()

    // Edit: a title and a department.
    await mary.getByRole('button', { name: 'Edit Mary Jackson' }).click()
    const editor = page.getByRole('dialog', { name: 'Edit Mary Jackson' })
    await editor.getByLabel('Job title').fill('Engineer')
    await editor.getByLabel('Department').selectOption({ label: 'Maintenance' })
    await editor.getByRole('button', { name: 'Save', exact: true }).click()
    await editor.waitFor({ state: 'detached' })
    await mary.getByText('Engineer').waitFor()
    await mary.getByText('Maintenance').waitFor()

    // Search narrows the list.
    await page.getByLabel('Search').fill('mary')
    await expect.poll(() => page.getByRole('row').count()).toBe(2) // header + Mary
    await page.getByLabel('Search').fill('')

    // The dev mailbox holds Mary's activation mail; its link activates her account.
    await page.getByRole('link', { name: 'Dev mailbox' }).click()
    await page.getByRole('heading', { name: 'Dev mailbox' }).waitFor()
    await page
      .getByRole('button', { name: /mary@acme\.test/ })
      .first()
      .click()
    await page.getByRole('heading', { name: /Mary, activate your/ }).waitFor()
    await capture(page, '04-mailbox')
    await page.getByRole('link', { name: 'Open the link in this mail' }).click()
    await page.getByRole('heading', { name: 'Activate your account' }).waitFor()
    await capture(page, '05-activate')
    await page.getByLabel('New password', { exact: true }).fill('mary has a long password')
    await page.getByLabel('Repeat the password').fill('mary has a long password')
    await page.getByRole('button', { name: 'Activate my account' }).click()
    await page.getByRole('heading', { name: 'Your account is active' }).waitFor()

    // Back on the staff list (still signed in as the founder): Mary is active.
    await page.getByRole('link', { name: 'Staff', exact: true }).click()
    await mary.getByText('Active', { exact: true }).waitFor()
    expect(await mary.getByRole('button', { name: 'Resend activation email to Mary Jackson' }).count()).toBe(
      0,
    )

    // Her details panel: a role at every building (select all, copy to all), a seat, a number.
    await mary.getByRole('button', { name: 'Mary Jackson', exact: true }).click()
    const panel = page.getByRole('dialog', { name: 'Mary Jackson' })
    await panel.getByText('mary@acme.test').first().waitFor()
    await panel.getByRole('button', { name: 'Make founder: Mary Jackson' }).waitFor() // offered to the founder
    await panel.getByRole('button', { name: 'Select all buildings' }).click()
    await panel.getByLabel('Role at Maple Court').selectOption({ label: 'Concierge' })
    await panel
      .getByRole('button', { name: 'Copy to all selected buildings: Concierge at Maple Court' })
      .click()
    expect(await panel.getByLabel('Role at Harbour View').inputValue()).toBe(
      await panel.getByLabel('Role at Maple Court').inputValue(),
    )
    await panel.getByRole('button', { name: 'Save roles' }).click()
    await page.getByRole('status').getByText('Saved the roles of Mary Jackson.').waitFor()
    for (const building of ['Maple Court', 'Oak Tower', 'Harbour View']) {
      await mary.getByText(`Concierge · ${building}`).waitFor()
    }
    await panel.getByRole('button', { name: 'Assign seat of Property suite to Mary Jackson' }).click()
    await panel.getByRole('button', { name: 'Free seat of Property suite held by Mary Jackson' }).waitFor()
    const number = await panel.getByLabel('Available numbers').inputValue()
    expect(number).toMatch(/^\+1415555/)
    await panel.getByRole('button', { name: 'Assign number' }).click()
    // A number takes a phone-line seat: said first, never silently (finding 9).
    const seatQuestion = page.getByRole('dialog', { name: /Give Mary Jackson a Phone line seat too/ })
    await seatQuestion.getByRole('button', { name: /and take a seat/ }).click()
    await seatQuestion.waitFor({ state: 'detached' })
    await panel.getByRole('button', { name: /^Unassign \+1 415 .* from Mary Jackson$/ }).waitFor()
    await mary.getByText(/^\+1 415 /).waitFor()
    await mary.getByText('Property suite').waitFor()
    await panel.getByRole('heading', { name: 'Activity' }).waitFor()
    await capture(page, '06-member-panel', false)
    await panel.getByRole('button', { name: 'Close' }).click()
    await panel.waitFor({ state: 'detached' })

    // The org's other screens: join requests (approve Joe), departments, buildings, seats.
    await page.getByRole('tab', { name: /Join requests/ }).click()
    await page.getByText('I cover the night shift at Oak Tower.').waitFor()
    await capture(page, '08-join-requests')
    await page.getByRole('button', { name: 'Approve Joe Requester as an employee' }).click()
    await page.getByRole('status').getByText('Joe Requester joined the staff.').waitFor()
    await page.getByText('No one is waiting.').waitFor()
    const joinSetting = page.getByLabel('Let people ask to join Acme Property Management')
    await joinSetting.click()
    await page.getByRole('status').getByText('Join requests are closed.').waitFor()
    await expect.poll(() => joinSetting.isChecked()).toBe(false)

    await page.getByRole('tab', { name: 'Departments' }).click()
    await page.getByLabel('New department').fill('Security')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('cell', { name: 'Security', exact: true }).waitFor()
    await capture(page, '09-departments')

    await page.getByRole('tab', { name: 'Buildings & roles' }).click()
    await page.getByRole('heading', { name: 'Roles' }).waitFor()
    await page.getByRole('button', { name: 'New role' }).click()
    const newRole = page.getByRole('dialog', { name: 'New role' })
    await newRole.getByLabel(/^Name/).fill('Night porter')
    // The host's permissions read as the names the demo gives them, not as keys.
    await newRole.getByLabel('Open doors').check()
    await newRole.getByLabel('Log parcels').check()
    await newRole.getByRole('button', { name: 'Create role' }).click()
    await newRole.waitFor({ state: 'detached' })
    await page.getByRole('status').getByText('Created the Night porter role.').waitFor()
    await capture(page, '10-buildings-and-roles')

    await page.getByRole('tab', { name: 'Licenses & numbers' }).click()
    // Product names, not slugs; the cells after the product are "free of total" and the assigned count.
    const suite = page.getByRole('row').filter({ hasText: 'Property suite' })
    await expect.poll(() => suite.getByRole('cell').nth(1).textContent()).toBe('5')
    await capture(page, '11-licenses-and-numbers')

    // Directory sync brings the contractor's people in as guests.
    await page.getByRole('tab', { name: 'Directory sync' }).click()
    await page.getByRole('button', { name: 'Sync now: bright-clean' }).click()
    await page
      .getByRole('status')
      .getByText(/Synced bright-clean: 3 added/)
      .waitFor()
    await capture(page, '12-directory-sync')
    await page.getByRole('tab', { name: 'Mail & activity' }).click()
    // The audit log says who did what to whom (finding 5), not only the event type.
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    const added = page
      .getByRole('row')
      .filter({ hasText: 'Member added' })
      .filter({ hasText: 'Mary Jackson' })
    await added.first().getByText('Fay Founder').waitFor()
    await capture(page, '13-mail-and-activity')

    await page.getByRole('tab', { name: 'People' }).click()
    await page.getByRole('row').filter({ hasText: 'joe@example.test' }).waitFor()
    await page.getByLabel('Type').selectOption('guest')
    await page.getByRole('row').filter({ hasText: 'sam.sweep@brightclean.test' }).waitFor()
    await expect.poll(() => page.getByRole('row').count()).toBe(4) // header + 3 guests
    await page.getByLabel('Type').selectOption('')

    // Disable, enable, then remove her.
    await mary.getByRole('button', { name: 'Disable Mary Jackson' }).click()
    await mary.getByText('Disabled', { exact: true }).waitFor()
    await mary.getByRole('button', { name: 'Enable Mary Jackson' }).click()
    await mary.getByText('Active', { exact: true }).waitFor()
    await mary.getByRole('button', { name: 'Remove Mary Jackson' }).click()
    const confirm = page.getByRole('dialog', { name: 'Remove Mary Jackson?' })
    await capture(page, '07-remove-confirm', false)
    await confirm.getByRole('button', { name: 'Remove Mary Jackson' }).click()
    await page.getByRole('status').getByText('Mary Jackson was removed.').waitFor()
    await mary.waitFor({ state: 'detached' })

    // Her seat and number went back to the pools.
    await page.getByRole('tab', { name: 'Licenses & numbers' }).click()
    await expect.poll(() => suite.getByRole('cell').nth(1).textContent()).toBe('4')
    await page
      .getByRole('listitem')
      .filter({ hasText: formatPhone(number) })
      .getByText('Available')
      .waitFor()

    expect(e2e.errors).toEqual([])
  })
})
