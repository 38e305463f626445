import { test } from 'vitest'

type Case = (name: string, body: () => Promise<void>, timeout?: number) => void

/**
 * A contract case that only some adapters can show (a second node, a
 * log that outlives its process). It is registered where it applies and
 * left out elsewhere, so an adapter's run lists what it was held to and
 * reports nothing as skipped.
 */
export function caseWhere(applies: unknown): Case {
  return applies ? test : () => {}
}
