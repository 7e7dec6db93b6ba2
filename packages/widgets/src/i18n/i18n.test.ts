import { describe, expect, it } from 'vitest'
import { en } from './en.js'
import { fr } from './fr.js'
import { makeWidgetsContext } from './provider.js'

describe('widget strings', () => {
  it('has a French string for every English key, each with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key], key).toBeTruthy()
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]))
    }
  })

  it('speaks the person’s language, a region falling back to its language and unknown ones to English', () => {
    expect(makeWidgetsContext({ locale: 'fr' }).t('staff.add')).toBe('Ajouter une personne')
    expect(makeWidgetsContext({ locale: 'fr-CA' }).t('staff.add')).toBe('Ajouter une personne')
    expect(makeWidgetsContext({ locale: 'de' }).t('staff.add')).toBe('Add staff')
  })

  it('lets the host override one string per language and fills placeholders', () => {
    const ctx = makeWidgetsContext({
      locale: 'en',
      strings: { en: { 'member.removeTitle': 'Fire {name}?' } },
    })
    expect(ctx.t('member.removeTitle', { name: 'Ada' })).toBe('Fire Ada?')
    expect(ctx.t('staff.add')).toBe('Add staff')
  })

  it('names products for people: given names first, slugs title-cased otherwise', () => {
    const ctx = makeWidgetsContext({ productNames: { oneoffice: 'OneOffice' } })
    expect(ctx.productName('oneoffice')).toBe('OneOffice')
    expect(ctx.productName('phone-line')).toBe('Phone line')
  })
})
