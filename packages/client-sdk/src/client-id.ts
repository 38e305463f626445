/**
 * A random id for one command, chosen once and reused on every retry so
 * the server can recognise repeats. `getRandomValues` works in every
 * browser context and in Node 20, unlike `randomUUID`, which browsers only
 * offer on secure origins.
 */
export function createClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  )
}
