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

/** The pages the single-page app routes itself (`src/app/App.tsx`): each gets `index.html`. */
export const APP_ROUTES = [
  '/',
  '/sign-in',
  '/mailbox',
  '/activate',
  '/forgot-password',
  '/reset-password',
  '/confirm-email',
  '/account',
  '/sign-up',
  '/join',
] as const

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/** `decodeURIComponent`, or null for malformed percent-encoding (`%zz`, a lone `%E0`). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

/**
 * Serves the Vite build from `root`: hashed assets with a long cache, `index.html` for the app's
 * own pages (`APP_ROUTES`), `404` for anything else and `400` for a path that does not decode
 * (DS3) — client input never reaches the catch-all 500.
 */
export function createStaticHandler(root: string) {
  const base = normalize(root + sep)
  const routes = new Set<string>(APP_ROUTES)
  return async (pathname: string): Promise<Response> => {
    const decoded = decodePath(pathname)
    if (decoded === null || decoded.includes('\0')) return plainResponse(400, 'Malformed path.')
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
    if (!routes.has(decoded)) return plainResponse(404, 'Not found.')
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
