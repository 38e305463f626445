import type { Driver, DriverClient } from '../drivers/driver.js'
import type { RoomLayout } from '../targets/target.js'
import { sleep } from '../util/sleep.js'
import type { ClientPlan } from './scenario.js'

export interface ConnectHooks {
  /** Source address for the client at `index`. */
  localAddress: (index: number) => string | undefined
  onDelivery: (plan: ClientPlan, payload: string, receivedAt: number) => void
  onError: (code: string) => void
  onClose: (reason: string) => void
  onProgress: (connected: number, total: number) => void
}

/** Pause between batches, so the accept queue drains between bursts. */
const batchPauseMs = 20

/**
 * Connects and subscribes every planned client, `batch` at a time: a
 * batch authenticates and joins its rooms before the next one starts, so
 * the server never sees more than `batch` handshakes at once. Fails on
 * the first client the server refuses, after closing those connected.
 */
export async function connectClients(
  driver: Driver,
  layout: RoomLayout,
  plans: readonly ClientPlan[],
  batch: number,
  hooks: ConnectHooks,
): Promise<DriverClient[]> {
  // Indexed like `plans`, so the runner can find a plan's client.
  const clients: DriverClient[] = []

  try {
    for (let from = 0; from < plans.length; from += batch) {
      const group = plans.slice(from, from + batch)
      const results = await Promise.allSettled(
        group.map(async (plan, offset) => {
          const client = await driver.connect({
            user: plan.user,
            localAddress: hooks.localAddress(from + offset),
            client: from + offset,
            onDelivery: (delivery) =>
              hooks.onDelivery(plan, delivery.payload, delivery.receivedAt),
            onError: hooks.onError,
            onClose: hooks.onClose,
          })
          clients[from + offset] = client
          for (const { room } of plan.memberships) {
            await client.join(layout.rooms[room]!.id)
          }
        }),
      )

      const failed = results.find((r) => r.status === 'rejected')
      if (failed) {
        const failures = results.filter((r) => r.status === 'rejected').length
        throw new Error(
          `${failures} of ${group.length} clients in a batch failed to connect`,
          { cause: failed.reason },
        )
      }
      hooks.onProgress(from + group.length, plans.length)
      await sleep(batchPauseMs)
    }
  } catch (error) {
    await closeClients(clients.filter(Boolean))
    throw error
  }
  return clients
}

/**
 * Closes every client at once: each close is bounded by the driver (a
 * peer that does not answer the close handshake is cut off), so the
 * teardown of a saturated server takes seconds, not minutes.
 */
export async function closeClients(
  clients: readonly DriverClient[],
): Promise<void> {
  await Promise.all(clients.map((client) => client.close()))
}
