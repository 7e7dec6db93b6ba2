// The browser suite's harness: one demo server and one Debian Chromium per test file, a fresh
// browser context (cookies, viewport) per test, axe-core on every screen state, the phone checks,
// and keyboard helpers. Each `*.e2e.test.ts` file is one flow:
//
//   const e2e = useE2E()                      // registers beforeAll/afterAll for this file
//   describe.each(VIEWPORTS)('adds a member at $name', (viewport) => {
//     it('…', async () => {
//       const page = await e2e.open(viewport)
//       await e2e.signIn(page, e2e.demo.login)
//       await e2e.check(page, 'staff-list')   // screenshot + axe 0 serious/critical + no overflow
//     })
//   })
//
// The app is built once by `global-setup.ts` (the e2e project's globalSetup); a file run on its own
// without it builds the app itself.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scryptPasswordHasher } from '@roster/core'
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { type Demo, type DemoOptions, startDemo } from '../server/app.js'
import { buildApp } from './build-app.js'

export const CHROMIUM = '/usr/bin/chromium'
/** True when Debian's Chromium is installed: `describe.skipIf(!hasChromium)` elsewhere. */
export const hasChromium = existsSync(CHROMIUM)

export interface Viewport {
  name: 'desktop' | 'phone' | 'small-phone'
  width: number
  height: number
}
export const DESKTOP: Viewport = { name: 'desktop', width: 1280, height: 800 }
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844 }
export const SMALL_PHONE: Viewport = { name: 'small-phone', width: 360, height: 640 }
/** Every flow runs at these two (issue 18); `SMALL_PHONE` is for the layout checks. */
export const VIEWPORTS: Viewport[] = [DESKTOP, PHONE]

const root = fileURLToPath(new URL('../..', import.meta.url))
export const artifacts = join(root, 'test-artifacts')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** The seeded people of the demo (`server/seed.ts`) who can sign in. */
export const PEOPLE = {
  fay: { username: 'fay@acme.test', password: 'roster-demo-password' },
  ada: { username: 'ada@acme.test', password: 'a long staff password' },
  joe: { username: 'joe@example.test', password: 'a long requester password' },
} as const

export interface E2E {
  readonly demo: Demo
  readonly browser: Browser
  /** Uncaught page errors of every page this file opened: a flow ends with `expect(e2e.errors).toEqual([])`. */
  readonly errors: string[]
  /** A fresh context (no cookies) at `viewport`, only loopback reachable, on `path` (default `/`). */
  open(viewport: Viewport, path?: string): Promise<Page>
  /** Signs in through the server's own route (fast; the sign-in page has its own flow), then reloads `path`. */
  signIn(page: Page, login: { username: string; password: string }, path?: string): Promise<void>
  /** Screenshot `<name>-<viewport>.png`, axe 0 serious/critical, and on phones no horizontal overflow. */
  check(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>
  /** Stops the demo server (the server-down case); the browser stays. */
  stopServer(): Promise<void>
}

/**
 * Registers this file's `beforeAll`/`afterAll`: a demo server (memory storage by default, cheap
 * scrypt so seeding is fast) and one Chromium. Returns the harness; its fields are ready inside tests.
 */
export function useE2E(options: DemoOptions = {}): E2E {
  let demo: Demo | undefined
  let browser: Browser | undefined
  let dataDir: string | undefined
  let stopped = false
  const contexts: BrowserContext[] = []
  const pages = new WeakMap<Page, Viewport>()
  const errors: string[] = []
  const report: { screen: string; total: number; serious: string[] }[] = []

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    dataDir = mkdtempSync(join(tmpdir(), 'roster-e2e-'))
    let appDir = inject('staffAdminAppDir')
    if (!appDir) {
      appDir = join(dataDir, 'app')
      await buildApp(appDir)
    }
    demo = await startDemo({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      appDir,
      storage: 'memory',
      passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
      ...options,
    })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    if (!stopped) await demo?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    if (report.length > 0)
      console.log(
        `axe-core: ${report.map((r) => `${r.screen} ${r.serious.length} serious/critical (${r.total} in all)`).join('; ')}`,
      )
  })

  const harness: E2E = {
    get demo() {
      if (!demo) throw new Error('the demo starts in beforeAll: use e2e.demo inside a test')
      return demo
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll: use e2e.browser inside a test')
      return browser
    },
    errors,
    async open(viewport, path = '/') {
      // bypassCSP lets the harness inject axe-core; the app itself runs under the server's CSP.
      const context = await harness.browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        bypassCSP: true,
        ...(viewport.name === 'desktop' ? {} : { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
      })
      contexts.push(context)
      // Only loopback: anything else is refused.
      await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/])/, (route) => route.abort())
      const page = await context.newPage()
      pages.set(page, viewport)
      page.on('pageerror', (error) => errors.push(`${viewport.name}: ${error.message}`))
      page.setDefaultTimeout(20_000)
      await page.goto(`${harness.demo.url}${path}`)
      return page
    },
    async signIn(page, login, path = '/') {
      const response = await page.request.post(`${harness.demo.url}/auth/sign-in`, {
        data: login,
        headers: { origin: harness.demo.url },
      })
      expect(response.status(), `sign-in of ${login.username}`).toBe(200)
      await page.goto(`${harness.demo.url}${path}`)
    },
    async check(page, name, { fullPage = true } = {}) {
      const viewport = pages.get(page) ?? DESKTOP
      const screen = `${name}-${viewport.name}`
      await page.screenshot({ path: join(artifacts, `${screen}.png`), fullPage })
      const bad = await axe(page, screen, report)
      expect(bad, `axe on ${screen}`).toEqual([])
      if (viewport.name !== 'desktop') await expectNoHorizontalOverflow(page, screen)
    },
    async stopServer() {
      stopped = true
      await harness.demo.close()
    },
  }
  return harness
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axe(
  page: Page,
  screen: string,
  report?: { screen: string; total: number; serious: string[] }[],
): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })) as AxeViolation[]
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  report?.push({
    screen,
    total: violations.length,
    serious: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  })
  return bad
}

/** The page is no wider than the screen (finding 3: it was 807 px at 390). */
export async function expectNoHorizontalOverflow(page: Page, screen: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // The widest element that sticks out names the culprit when this fails.
    let widest = ''
    let right = window.innerWidth
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect()
      if (box.right > right + 1 && getComputedStyle(element).position !== 'fixed') {
        right = box.right
        widest = `${element.tagName.toLowerCase()}.${(element as HTMLElement).className} (${Math.round(box.right)} px)`
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest }
  })
  expect(scrollWidth, `page width on ${screen}; widest: ${widest}`).toBeLessThanOrEqual(innerWidth)
}

/** The dialog fits the screen: none of its box is off screen (finding 3: Add staff opened half off). */
export async function expectWithinScreen(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox()
  const size = page.viewportSize()
  expect(box, what).not.toBeNull()
  if (!box || !size) return
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(size.width + 1)
}

/**
 * Keyboard only: presses Tab (or Shift+Tab) until `target` has focus, at most `max` times, so a
 * keyboard path fails when a control cannot be reached rather than being clicked by the test.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { max = 60, backwards = false } = {},
): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing')
  throw new Error(`Tab never reached ${target}; focus is on ${focused}`)
}

/** The element that has focus, as its accessible name or text (to assert where focus went). */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return '<body>'
    return (
      element.getAttribute('aria-label') ??
      (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
      element.textContent ??
      element.tagName
    ).trim()
  })
}

/** The `data.token` of the newest mail to `to` of `template` (read from the demo's mailbox in process). */
export function mailedToken(e2e: E2E, to: string, template?: string): string {
  const mail = [...e2e.demo.mailbox.delivered]
    .reverse()
    .find((m) => m.to === to && (!template || m.template === template))
  const token = mail?.data.token
  if (typeof token !== 'string')
    throw new Error(`no mailed token to ${to}${template ? ` (${template})` : ''}`)
  return token
}
