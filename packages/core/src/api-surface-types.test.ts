// Pins every published entry point's export list, types included — every package, every
// `exports` entry of its package.json, found from the manifests so a new entry point is pinned
// the day it appears. `api-surface.test.ts` pins what `import()` yields at run time; this one
// reads the declarations with the TypeScript checker, so a type that appears, disappears or
// turns into a value shows up as a snapshot diff, reviewed like any other change (STYLE.md rule 8).
// Each name carries its kind: `value`, `type`, or `value+type` (a class, or a zod schema with
// its inferred type of the same name).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

interface EntryPoint {
  /** `@roster/core/http` */
  name: string
  /** The source file the `@roster/source` condition points at. */
  file: string
}

function entryPoints(): EntryPoint[] {
  return readdirSync(packagesDir)
    .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
    .flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as {
        name: string
        private?: boolean
        exports?: Record<string, string | Record<string, unknown>>
      }
      if (manifest.private) return []
      return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
        const source = typeof target === 'object' ? target['@roster/source'] : undefined
        if (typeof source !== 'string') return []
        const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`
        return [{ name, file: resolve(packagesDir, dir, source) }]
      })
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
}

function exportedNames(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  const moduleSymbol = source && checker.getSymbolAtLocation(source)
  if (!moduleSymbol) throw new Error(`no module symbol for ${file}`)
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const value = (target.flags & ts.SymbolFlags.Value) !== 0
      const type = (target.flags & ts.SymbolFlags.Type) !== 0
      return `${symbol.getName()}: ${value && type ? 'value+type' : value ? 'value' : 'type'}`
    })
    .sort()
}

const entries = entryPoints()

describe('public API surface, types included', () => {
  // One program for every entry point: the checker resolves workspace packages to their sources
  // through the same `@roster/source` condition the tests run on.
  const program = ts.createProgram(
    entries.map((entry) => entry.file),
    {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['@roster/source'],
      jsx: ts.JsxEmit.ReactJSX,
      types: ['node'],
    },
  )

  it('finds every published entry point (the check covers new ones by itself)', () => {
    expect(entries.map((entry) => entry.name)).toMatchSnapshot()
  })

  for (const entry of entries) {
    it(`${entry.name} exports exactly the pinned names and kinds`, () => {
      expect(exportedNames(program, entry.file)).toMatchSnapshot()
    })
  }
})
