import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

// Workspace packages expose their TypeScript sources under `@roster/source`: the app builds from
// them with no separate package build.
export default defineConfig({
  root: fileURLToPath(new URL('./src/app', import.meta.url)),
  plugins: [react()],
  resolve: { conditions: ['@roster/source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  logLevel: 'warn',
})
