// My account in a real browser at 1280×800 and 390×844: the profile, the language the app then
// speaks (finding 10), a wrong then a right password change, the person's organizations; axe on every
// state, no horizontal overflow on phones and "Sign out" on screen (finding 3).
import { describe, expect, it } from 'vitest'
import { expectWithinScreen, focusedName, hasChromium, PEOPLE, useE2E, VIEWPORTS } from './harness.js'

describe.skipIf(!hasChromium)('my account', () => {
  const e2e = useE2E()

  describe.each(VIEWPORTS)('at $name ($width×$height)', (viewport) => {
    it('edits the profile, switches to French, changes the password and lists the organizations', async () => {
      const page = await e2e.open(viewport)
      await e2e.signIn(page, PEOPLE.ada, '/account')
      await page.getByRole('heading', { name: 'My account' }).waitFor()
      await expectWithinScreen(page, page.getByRole('button', { name: 'Sign out' }), 'Sign out')
      const orgs = page.getByRole('region', { name: 'My organizations' })
      await orgs.getByRole('heading', { name: 'Acme Property Management' }).waitFor()
      await orgs.getByText('Member', { exact: true }).waitFor()
      await e2e.check(page, 'account-01-profile')

      // A wrong current password is said at its field.
      await page.getByLabel('Current password').fill('not my password at all')
      await page.getByLabel('New password').fill('ada has another long password')
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.getByText('Your current password is not right.').waitFor()
      await e2e.check(page, 'account-02-wrong-password')
      const newPassword = `ada on ${viewport.name} has a new password`
      await page.getByLabel('Current password').fill(PEOPLE.ada.password)
      await page.getByLabel('New password').fill(newPassword)
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.getByText('Your password is changed.').waitFor()

      // The language saved here is the one the widgets speak from now on.
      await page.getByLabel('Phone').fill('+33 6 12 34 56 78')
      await page.getByLabel('Language').selectOption('fr')
      await page.getByRole('button', { name: 'Save profile' }).click()
      await page.getByRole('heading', { name: 'Mon compte' }).waitFor()
      // The notice was written when the save answered, in the language of that moment.
      await page.getByText('Your profile is saved.').waitFor()
      // Focus stays on the Save button (now "Enregistrer le profil"), not lost to <body> (finding 10).
      await expect.poll(() => focusedName(page)).toBe('Enregistrer le profil')
      expect(await page.getByLabel('Téléphone').inputValue()).toBe('+33612345678')
      await e2e.check(page, 'account-03-french')
      // Back to English for the next viewport's run.
      await page.getByLabel('Langue').selectOption('en')
      await page.getByRole('button', { name: 'Enregistrer le profil' }).click()
      await page.getByRole('heading', { name: 'My account' }).waitFor()
      // And the old password back, so the next viewport's run signs in as the seed says.
      await page.getByLabel('Current password').fill(newPassword)
      await page.getByLabel('New password').fill(PEOPLE.ada.password)
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.getByText('Your password is changed.').waitFor()
      expect(e2e.errors).toEqual([])
    })
  })
})
