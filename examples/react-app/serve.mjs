// Builds the app, then serves it with a /token endpoint for visitors.
import { fileURLToPath } from 'node:url'
import { serveSite } from '../shared/site-server.mjs'
import { buildApp } from './build.mjs'

await buildApp()
serveSite({
  root: fileURLToPath(new URL('.', import.meta.url)),
  port: Number(process.env.PORT ?? 5175),
})
