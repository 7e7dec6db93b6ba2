import { defineConfig } from 'vitest/config'
import { defaultServerConditions } from 'vite'

// Workspace packages expose their TypeScript sources under the `@roster/source`
// export condition, so tests run on `src` with no build step.
const conditions = ['@roster/source', ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      { extends: true, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'adapter-memory', include: ['packages/adapter-memory/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'mailer-smtp',
          include: ['packages/mailer-smtp/src/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'scim',
          include: ['packages/scim/src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'adapter-postgres',
          include: ['packages/adapter-postgres/src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          include: ['packages/react-hooks/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        extends: true,
        test: {
          name: 'widgets',
          include: ['packages/widgets/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // A failed load is retried with backoff (retryTransient) before the widget shows it.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'examples',
          include: ['examples/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
          // app.test.ts's beforeAll starts a demo: on a loaded 2-core machine it once took over 10 s.
          hookTimeout: 60_000,
        },
      },
      {
        // Browser tests: Debian's Chromium driven by playwright-core against the staff-admin demo.
        extends: true,
        test: {
          name: 'e2e',
          include: ['examples/*/src/**/*.e2e.test.ts'],
          // Builds the staff-admin app once; each flow file starts its own demo server on it.
          globalSetup: ['examples/staff-admin/src/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
