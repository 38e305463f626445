/**
 * Resolves once `check` holds, polling; rejects after `timeoutMs`. The
 * contract suites wait on engines this way, since delivery is async.
 */
export async function eventually(
  check: () => boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition never held')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
