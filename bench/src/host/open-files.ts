import { readFileSync } from 'node:fs'

/** Sockets the harness holds besides its clients: server pipes, files. */
const spareFiles = 256

/** The soft limit from a /proc/PID/limits text; undefined if unlimited. */
export function parseOpenFileLimit(limits: string): number | undefined {
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'))
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0]
  const value = Number(soft)
  return Number.isInteger(value) && value > 0 ? value : undefined
}

/**
 * Why a run of `clients` could not open all its sockets here, or
 * undefined when it can: every client is a file descriptor in the
 * harness (and another in the server), so a run past `ulimit -n` would
 * die halfway through connecting.
 */
export function openFilesShortfall(clients: number): string | undefined {
  let limit: number | undefined
  try {
    limit = parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'))
  } catch {
    return undefined
  }
  if (limit === undefined || clients + spareFiles <= limit) return undefined
  return `${clients} clients need more than the ${limit} open files this process may have; raise ulimit -n (soft and hard) first`
}

/** Fails before a run that could not open all its sockets. */
export function checkOpenFiles(clients: number): void {
  const shortfall = openFilesShortfall(clients)
  if (shortfall) throw new Error(shortfall)
}
