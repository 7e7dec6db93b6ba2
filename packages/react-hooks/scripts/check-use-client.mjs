// The built entry must start with the 'use client' directive (the tsup banner), or a React Server
// Component importing @roster/react would run its hooks on the server. Run by `check:package`.
import { readFileSync } from 'node:fs'

const missing = ['dist/index.js', 'dist/index.cjs'].filter(
  (file) => !/^(['"])use client\1/.test(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')),
)
if (missing.length > 0) {
  console.error(`@roster/react: no 'use client' directive at the top of ${missing.join(', ')}`)
  process.exit(1)
}
console.log("@roster/react: 'use client' on both builds")
