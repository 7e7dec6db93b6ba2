import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // Types of @roster/core come from its sources (the workspace condition), so this package's
  // declarations build without waiting for core's; they import them from '@roster/core' as usual.
  dts: { compilerOptions: { customConditions: ['@roster/source'] } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  tsconfig: './tsconfig.build.json',
})
