/**
 * Delivers messages to every node that subscribed to a channel. Delivery
 * is at most once: a message published while a node is disconnected is
 * lost for that node, and clients repair it from history by seq.
 */
export interface FanoutBus {
  publish(channel: string, payload: string): Promise<void>
  /**
   * The handler gets payloads in publish order per publisher. A channel
   * has one handler per bus: subscribing again replaces it, since a node
   * follows a channel once and fans out to its own sockets.
   */
  subscribe(channel: string, handler: (payload: string) => void): Promise<void>
  unsubscribe(channel: string): Promise<void>
  /**
   * Called after the bus reconnected and resubscribed: anything published
   * meanwhile was missed.
   */
  onReconnect(listener: () => void): void
  ping(): Promise<boolean>
  close(): Promise<void>
}
