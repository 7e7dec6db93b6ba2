import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}

/**
 * Serves the Vite build from `root`: hashed assets with a long cache, and `index.html` for every
 * other GET (the single-page app routes `/`, `/mailbox`, `/activate`, `/sign-in` itself).
 */
export function createStaticHandler(root: string) {
  const base = normalize(root + sep)
  return async (pathname: string): Promise<Response> => {
    const decoded = decodeURIComponent(pathname)
    const file = normalize(join(base, decoded))
    if (file.startsWith(base) && decoded !== '/' && (await isFile(file))) {
      const immutable = decoded.startsWith('/assets/')
      return new Response(await readFile(file), {
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        },
      })
    }
    const index = join(base, 'index.html')
    if (!(await isFile(index))) {
      return new Response('The app is not built: run `pnpm demo` (it runs `vite build` first).', {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      })
    }
    return new Response(await readFile(index), {
      headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' },
    })
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  )
}
