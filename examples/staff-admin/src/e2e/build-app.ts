import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Builds the staff-admin app into `outDir` (no source maps: the browser suite does not need them). */
export async function buildApp(outDir: string): Promise<void> {
  await build({
    configFile: join(root, 'vite.config.ts'),
    build: { outDir, sourcemap: false },
    logLevel: 'error',
  })
}
