/**
 * Loopback source addresses for client sockets. Each (source address,
 * source port) pair is one connection to the server's single address
 * and port, so spreading clients over 127.0.0.2, 127.0.0.3, ... gives
 * every address its own ephemeral port range and tens of thousands of
 * clients never exhaust it. Linux routes all of 127/8 to loopback.
 */
export function sourceAddresses(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 253) {
    throw new RangeError('source address count must be 1-253')
  }
  // 127.0.0.1 is left to the server; .255 is the broadcast address.
  return Array.from({ length: count }, (_, i) => `127.0.0.${i + 2}`)
}

/** Source addresses needed to give each one at most `perAddress` sockets. */
export function addressesFor(clients: number, perAddress = 1_000): number {
  return Math.min(253, Math.max(1, Math.ceil(clients / perAddress)))
}

/** Whether `host` is an IPv4 loopback address, the only traffic we make. */
export function isLoopback(host: string): boolean {
  const octets = host.split('.')
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  )
}
