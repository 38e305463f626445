/**
 * Runs `task` for every item with at most `limit` running at once, in
 * item order, and rejects with the first failure after the running
 * tasks settle. The bound keeps a setup of thousands of requests from
 * opening thousands of sockets at once.
 */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined

  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++
      try {
        await task(items[index]!, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }

  const workers = Math.max(1, Math.min(limit, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
  if (failure) throw failure.error
}
