/**
 * Keys that storage engines or prototype chains treat specially are
 * refused anywhere in a frame, however deep.
 */
export function findForbiddenKey(value: object): string | undefined {
  for (const key of Object.keys(value)) {
    if (key.startsWith('$') || key === '__proto__' || key === 'constructor') {
      return key
    }
    const child = (value as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null) {
      const nested = findForbiddenKey(child)
      if (nested !== undefined) return nested
    }
  }
  return undefined
}
