// Serves this page with the built SDK under /sdk/ and a /token endpoint.
import { fileURLToPath } from 'node:url'
import { serveSite } from '../shared/site-server.mjs'

serveSite({
  root: fileURLToPath(new URL('.', import.meta.url)),
  port: Number(process.env.PORT ?? 5173),
})
