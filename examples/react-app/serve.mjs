// Builds the app with Vite, then serves the build with a /token endpoint
// for visitors, the part a real site's backend plays.
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { serveSite } from '../shared/site-server.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))

await build({ root: here, logLevel: 'warn' })
serveSite({
  root: `${here}dist`,
  port: Number(process.env.PORT ?? 5175),
})
