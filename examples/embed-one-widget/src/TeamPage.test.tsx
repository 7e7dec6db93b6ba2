// @vitest-environment jsdom
import { memoryStorage } from '@roster/adapter-memory'
import { createRoster, scryptPasswordHasher } from '@roster/core'
import { bindActor } from '@roster/core/http'
import { createMemoryMailer } from '@roster/core/testing'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { TeamPage } from './TeamPage.js'

afterEach(cleanup)

// jsdom has no CSS.escape, which React Aria's modal reads; every browser has it.
globalThis.CSS ??= { escape: (value: string) => value.replace(/["\\]/g, '\\$&') } as typeof CSS

async function hostWithOneOrg() {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage: memoryStorage(),
    mailer,
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
  })
  const fay = (
    await roster.accounts.signUp({ email: 'fay@acme.test', firstName: 'Fay', lastName: 'Founder' })
  )._unsafeUnwrap()
  const token = String(mailer.last('fay@acme.test')?.data.token)
  ;(await roster.activation.activate({ token, password: 'correct horse battery staple' }))._unsafeUnwrap()
  const org = (await roster.orgs.create({ accountId: fay.id }, { name: 'Acme' }))._unsafeUnwrap()
  return { client: bindActor(roster, { accountId: fay.id }), orgId: org.id }
}

describe('embedding one widget', () => {
  it('shows the staff directory with the host’s own string and opens the add dialog', async () => {
    const { client, orgId } = await hostWithOneOrg()
    render(<TeamPage client={client} orgId={orgId} orgName="Acme" language="en" />)
    expect(screen.getByRole('heading', { name: 'Acme team' })).toBeTruthy()
    await screen.findByRole('button', { name: 'Fay Founder' })
    fireEvent.click(await screen.findByRole('button', { name: 'Invite a teammate' }))
    expect(await screen.findByRole('dialog', { name: 'Add staff' })).toBeTruthy()
  })

  it('speaks French to a French host user', async () => {
    const { client, orgId } = await hostWithOneOrg()
    render(<TeamPage client={client} orgId={orgId} orgName="Acme" language="fr" />)
    expect(await screen.findByRole('button', { name: 'Ajouter une personne' })).toBeTruthy()
    expect(screen.getByLabelText('Rechercher')).toBeTruthy()
  })
})
