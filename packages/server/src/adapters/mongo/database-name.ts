/** The database used when the connection string names none. */
export const defaultDatabase = 'algochat'

/**
 * The database named in a MongoDB connection string's path, or
 * `algochat`. Read by hand because the driver falls back to `test`
 * without saying whether the URL named a database, and the WHATWG URL
 * parser rejects the comma-separated host lists of replica sets.
 */
export function databaseName(url: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1]

  if (path === undefined || path === '') {
    return defaultDatabase
  }

  return decodeURIComponent(path)
}
