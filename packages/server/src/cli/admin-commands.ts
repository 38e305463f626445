import { AlgochatError } from '@algochat/protocol'
import { destination, pino } from 'pino'
import { selectAdapters } from '../adapters/select-adapters.js'
import type { Adapters } from '../adapters/embedded-adapters.js'
import { createApp, publicApp } from '../auth/create-app.js'
import { mintToken } from '../auth/mint-token.js'
import { parse, storeFlags, type ConfigFlags } from './flags.js'
import { loadConfig } from './load-config.js'

export const appUsage = `algochat app create [--id <id>] [--name <name>] [--origins <a,b>] [--guests]
algochat app list

Creates or lists apps (tenants) directly in the account store. Prints
JSON; the secret of a new app is shown once, here. Takes --config <file>
and --data <dir> like start.`

export const tokenUsage = `algochat token --app <id> --user <id> [--name <name>] [--ttl <seconds>]

Prints a user token signed with the app secret (HS256), for development
and scripts. Site backends sign their own. Takes --config <file> and
--data <dir> like start.`

export const migrateUsage = `algochat migrate [options]

Creates or upgrades the tables and indexes of the configured stores, then
exits; running it again changes nothing.

  -c, --config <file>   JSON config file (env ALGOCHAT_CONFIG), as for start
      --data <dir>      data directory of the embedded stores

The stores come from the same variables as start (POSTGRES_URL,
MONGO_URL, ...) or the file's keys (postgresUrl, mongoUrl, ...).`

async function withAdapters<T>(
  flags: Pick<ConfigFlags, 'config' | 'data'>,
  work: (adapters: Adapters) => Promise<T>,
): Promise<T> {
  const config = await loadConfig(flags)
  const adapters = await selectAdapters(config, {
    // stdout carries the command's JSON or token; logs go to stderr.
    logger: pino({ level: 'warn' }, destination(2)),
    nodeId: `cli-${process.pid}`,
  })
  try {
    await adapters.accounts.migrate()
    return await work(adapters)
  } finally {
    await adapters.log.close()
    await adapters.bus.close()
    await adapters.presence.close()
    await adapters.accounts.close()
    await adapters.messages.close()
    await adapters.dispose()
  }
}

export async function appCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    ...storeFlags,
    id: { type: 'string' },
    name: { type: 'string' },
    origins: { type: 'string' },
    guests: { type: 'boolean' },
  })
  const action = positionals[0]
  if (values.help || (action !== 'create' && action !== 'list')) {
    console.log(appUsage)
    return
  }

  await withAdapters(values, async ({ accounts }) => {
    if (action === 'list') {
      const apps = await accounts.listApps()
      console.log(JSON.stringify(apps.map(publicApp), null, 2))
      return
    }
    const app = await createApp(accounts, {
      ...(values.id === undefined ? {} : { id: values.id }),
      ...(values.name === undefined ? {} : { name: values.name }),
      allowedOrigins: values.origins ? values.origins.split(',') : [],
      allowGuests: values.guests ?? false,
    })
    console.log(JSON.stringify(app, null, 2))
  })
}

export async function tokenCommand(args: string[]): Promise<void> {
  const { values } = parse(args, {
    ...storeFlags,
    app: { type: 'string' },
    user: { type: 'string' },
    name: { type: 'string' },
    ttl: { type: 'string' },
  })
  if (values.help || !values.app || !values.user) {
    console.log(tokenUsage)
    return
  }
  const { app: appId, user, name, ttl = '3600' } = values

  await withAdapters(values, async ({ accounts }) => {
    const app = await accounts.getApp(appId)
    if (!app) throw new AlgochatError('app_not_found', `No app "${appId}"`)
    const token = await mintToken(app, {
      user,
      name: name ?? null,
      ttlSeconds: Number(ttl),
    })
    console.log(token)
  })
}

export async function migrateCommand(args: string[]): Promise<void> {
  const { values } = parse(args, storeFlags)
  if (values.help) {
    console.log(migrateUsage)
    return
  }
  await withAdapters(values, async ({ messages }) => {
    await messages.migrate()
    console.log('migrations applied')
  })
}
