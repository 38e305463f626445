import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AlgochatError } from '@algochat/protocol'
import { createApp } from '../auth/create-app.js'
import type { ServerConfig } from '../config.js'
import type { AccountStore, App } from '../ports/account-store.js'

export const devAppId = 'demo'
export const demoRoom = 'lobby'

/**
 * On the first start of an empty installation, creates an app to try
 * things with: guests allowed, any origin, a public lobby. Its id and
 * secret go to `<data>/dev-app.json` so scripts and tests can sign tokens.
 * Returns the app when it was created now.
 */
export async function ensureDevApp(
  accounts: AccountStore,
  config: ServerConfig,
): Promise<App | null> {
  if ((await accounts.listApps()).length > 0) return null

  const app = await createApp(accounts, {
    id: devAppId,
    name: 'Demo',
    allowGuests: true,
  })
  try {
    await accounts.createRoom({
      app: app.id,
      id: demoRoom,
      kind: 'public',
      name: 'Lobby',
      createdBy: null,
    })
  } catch (error) {
    if (!(error instanceof AlgochatError && error.code === 'room_exists')) {
      throw error
    }
  }

  await mkdir(config.dataDir, { recursive: true })
  await writeFile(
    join(config.dataDir, 'dev-app.json'),
    `${JSON.stringify({ id: app.id, secret: app.secret }, null, 2)}\n`,
    { mode: 0o600 },
  )
  return app
}
