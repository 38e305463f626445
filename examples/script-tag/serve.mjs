// Serves this page and plays the site's backend (the /token endpoint).
import { fileURLToPath } from 'node:url'
import { serveSite } from '../shared/site-server.mjs'

serveSite({
  root: fileURLToPath(new URL('.', import.meta.url)),
  port: Number(process.env.PORT ?? 5174),
})
