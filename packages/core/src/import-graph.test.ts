// The import graph of every published package, read from the sources with TypeScript's own
// pre-processor (which sees `import type` and `export … from` as well as values): no module
// imports itself through a circle, core depends on no other Roster package, and each package's
// shipped sources import only what its package.json declares. Fails on the first edit that adds
// a circle or an undeclared dependency, whichever package it is in.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'package.json')),
)

// `src/test-suites/` holds suites that adapters' tests run (not published: `files` leaves it out).
const isTestFile = (file: string) => /\.test(-d)?\.tsx?$/.test(file) || /(^|\/)test-suites\//.test(file)
/**
 * Helpers for the package's own tests (`test-support`, `test-fixtures`, `test-faults`, `*.fixtures`): they
 * may use its devDependencies too, and its `files` must leave them out of the tarball.
 */
const isTestSupport = (file: string) =>
  /(^|\/)(test-support|test-fixtures|test-faults)\.tsx?$/.test(file) || /\.fixtures\.tsx?$/.test(file)

/** A `files` glob (`src/**\/*.ts`, `src/x`) as a pattern over paths relative to the package root. */
function globPattern(glob: string): RegExp {
  const literal = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  const body = glob
    .split('**/')
    .map((part) => part.split('*').map(literal).join('[^/]*'))
    .join('(?:.*/)?')
  return new RegExp(`^${body}(?:/.*)?$`)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

interface Imports {
  local: string[]
  bare: string[]
}

function importsOf(file: string): Imports {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  const local: string[] = []
  const bare: string[] = []
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) {
      bare.push(fileName)
      continue
    }
    const base = resolve(dirname(file), fileName).replace(/\.js$/, '')
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) =>
      existsSync(candidate),
    )
    if (target) local.push(target)
  }
  return { local, bare }
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

const builtins = new Set(builtinModules)
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(packageOf(specifier))

/** Strongly connected components of more than one module (or a self-import): the circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, counter)
    low.set(node, counter)
    counter++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

describe('import graph', () => {
  for (const name of packages) {
    const root = join(packagesDir, name)
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      name: string
      dependencies?: Record<string, string>
      peerDependencies?: Record<string, string>
      devDependencies?: Record<string, string>
    }
    const shipped = sourceFiles(join(root, 'src')).filter((file) => !isTestFile(file))
    const imports = new Map(shipped.map((file) => [file, importsOf(file)]))

    it(`${manifest.name}: no module reaches itself through its imports (type-only ones included)`, () => {
      const graph = new Map([...imports].map(([file, { local }]) => [file, local]))
      const found = circles(graph).map((component) => component.map((file) => relative(root, file)))
      expect(found).toEqual([])
    })

    it(`${manifest.name}: shipped sources import only declared dependencies`, () => {
      const declared = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ])
      const forTests = new Set([...declared, ...Object.keys(manifest.devDependencies ?? {})])
      const undeclared = [...imports].flatMap(([file, { bare }]) =>
        bare
          .filter((specifier) => !isBuiltin(specifier))
          .filter((specifier) => !(isTestSupport(file) ? forTests : declared).has(packageOf(specifier)))
          .map((specifier) => `${relative(root, file)} → ${specifier}`),
      )
      expect(undeclared).toEqual([])
    })

    it(`${manifest.name}: its test helpers are left out of its tarball`, () => {
      const excluded = ((manifest as { files?: string[] }).files ?? [])
        .filter((glob) => glob.startsWith('!'))
        .map((glob) => globPattern(glob.slice(1)))
      const packed = sourceFiles(join(root, 'src'))
        .filter(isTestSupport)
        .map((file) => relative(root, file))
        .filter((file) => !excluded.some((pattern) => pattern.test(file)))
      // A private package is never packed, so it may hold helpers in its shipped files.
      expect((manifest as { private?: boolean }).private ? [] : packed).toEqual([])
    })
  }

  it('@roster/core: no shipped source imports another Roster package (adapters depend on core, never back)', () => {
    const root = join(packagesDir, 'core')
    const offending = sourceFiles(join(root, 'src'))
      .filter((file) => !isTestFile(file) && !isTestSupport(file))
      .flatMap((file) =>
        importsOf(file)
          .bare.filter(
            (specifier) => specifier.startsWith('@roster/') && !specifier.startsWith('@roster/core'),
          )
          .map((specifier) => `${relative(root, file)} → ${specifier}`),
      )
    // The test helpers that build a roster on memory storage live in the private `@roster/test-support`
    // package; core's own fixtures (left out of its tarball) may import it, its shipped sources may not.
    expect(offending).toEqual([])
  })

  it('reads a files glob the way the packer does (the tarball check itself can fail)', () => {
    expect(globPattern('src/**/*.fixtures.ts').test('src/use-cases/roles/roles.fixtures.ts')).toBe(true)
    expect(globPattern('src/**/*.fixtures.ts').test('src/roles.fixtures.ts')).toBe(true)
    expect(globPattern('src/**/*.fixtures.ts').test('src/use-cases/roles/roles.ts')).toBe(false)
    expect(globPattern('src/test-suites').test('src/test-suites/cross-org.ts')).toBe(true)
  })

  it('finds a circle when there is one (the check itself can fail)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ])
    expect(circles(graph)).toEqual([['a', 'b', 'c']])
  })
})
