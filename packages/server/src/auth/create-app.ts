import { randomBytes } from 'node:crypto'
import type {
  AccountStore,
  App,
  PublicKeyEntry,
} from '../ports/account-store.js'

export interface AppSettingsInput {
  id?: string
  name?: string
  allowedOrigins?: string[]
  allowGuests?: boolean
  publicKeys?: PublicKeyEntry[]
}

/** Creates an app with a fresh random secret; the id is random if unset. */
export async function createApp(
  accounts: AccountStore,
  settings: AppSettingsInput,
): Promise<App> {
  const id = settings.id ?? `app-${randomBytes(6).toString('base64url')}`
  return accounts.createApp({
    id,
    name: settings.name ?? id,
    secret: newSecret(),
    allowedOrigins: settings.allowedOrigins ?? [],
    allowGuests: settings.allowGuests ?? false,
    publicKeys: settings.publicKeys ?? [],
  })
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** An app as the API shows it: everything but the secret. */
export function publicApp(app: App): Omit<App, 'secret'> {
  const { secret: _secret, ...rest } = app
  return rest
}
