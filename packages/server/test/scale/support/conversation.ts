import { ChatClient, type Room } from '@algochat/client'
import WebSocket from 'ws'
import { userToken } from '../../support/tokens.js'
import type { Cluster } from './cluster.js'

export interface Tally {
  /** Sends whose promise resolved: the server acked them. */
  acked: number
  /** Acked texts missing from the store or from some client. */
  lost: string[]
  /** Texts stored or shown more than once. */
  duplicates: string[]
  /** Clients whose messages are not exactly seqs 1..n in order. */
  disordered: string[]
}

/**
 * Several SDK clients chatting in one room through a load balancer while a
 * test breaks things, and the accounting that says whether anything acked
 * was lost or repeated.
 */
export class Conversation {
  readonly clients: ChatClient[] = []
  readonly rooms: Room[] = []
  readonly users: string[]
  readonly #cluster: Cluster
  readonly #room: string
  readonly #acked = new Set<string>()
  readonly #sends: Promise<unknown>[] = []

  private constructor(cluster: Cluster, room: string, users: string[]) {
    this.#cluster = cluster
    this.#room = room
    this.users = users
  }

  static async start(
    cluster: Cluster,
    url: string,
    room: string,
    users = ['ann', 'bob', 'cat', 'dan'],
  ): Promise<Conversation> {
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const conversation = new Conversation(cluster, room, users)
    for (const user of users) {
      await cluster.admin.call('PUT', `/rooms/${room}/members/${user}`, {})
      const client = new ChatClient({
        url,
        app: cluster.app.id,
        token: () => userToken(cluster.app, user),
        WebSocket: WebSocket as never,
        reconnectBaseMs: 100,
        reconnectMaxMs: 1_000,
        requestTimeoutMs: 5_000,
      })
      await client.connect()
      const handle = client.room(room)
      handle.subscribe(() => undefined)
      conversation.clients.push(client)
      conversation.rooms.push(handle)
    }
    return conversation
  }

  /**
   * Each user sends `perUser` messages, one every `intervalMs`, without
   * waiting for acks; `during` runs alongside (the fault).
   */
  async chat(
    perUser: number,
    intervalMs: number,
    during: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    const sending = this.rooms.map(async (room, index) => {
      for (let i = 0; i < perUser; i++) {
        const text = `${this.users[index]}-${i}`
        this.#sends.push(
          room.send(text).then(
            () => this.#acked.add(text),
            () => undefined,
          ),
        )
        await sleep(intervalMs)
      }
    })
    await Promise.all([...sending, during()])
  }

  /** Waits until every send settled and every client holds every ack. */
  async settle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    await Promise.race([Promise.all(this.#sends), sleep(timeoutMs)])
    while (Date.now() < deadline) {
      const complete = this.rooms.every((room) => {
        const texts = new Set(room.state.messages.map((m) => m.text))
        return [...this.#acked].every((text) => texts.has(text))
      })
      if (complete) return
      await sleep(100)
    }
  }

  async tally(): Promise<Tally> {
    const stored = await this.#storedTexts()
    const lost = new Set<string>()
    const duplicates = new Set<string>()
    const disordered: string[] = []

    for (const text of this.#acked) if (!stored.includes(text)) lost.add(text)
    for (const text of repeated(stored)) duplicates.add(text)

    for (const [index, room] of this.rooms.entries()) {
      const messages = room.state.messages
      const texts = messages.map((message) => message.text)
      for (const text of this.#acked) if (!texts.includes(text)) lost.add(text)
      for (const text of repeated(texts)) duplicates.add(text)
      const seqs = messages.map((message) => message.seq)
      if (seqs.some((seq, i) => seq !== i + 1)) {
        disordered.push(this.users[index] ?? `client ${index}`)
      }
    }

    return {
      acked: this.#acked.size,
      lost: [...lost],
      duplicates: [...duplicates],
      disordered,
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()))
  }

  async #storedTexts(): Promise<string[]> {
    const { app } = this.#cluster
    const node = this.#cluster.nodes.find((candidate) => candidate.running)
    if (!node) throw new Error('no node left to read history from')
    const response = await fetch(
      `${node.url}/v1/apps/${app.id}/rooms/${this.#room}/export`,
      { headers: { authorization: `Bearer ${app.secret}` } },
    )
    const lines = (await response.text()).trim().split('\n').filter(Boolean)
    return lines
      .map((line) => JSON.parse(line) as { kind: string; text?: string })
      .filter((event) => event.kind === 'message')
      .map((event) => event.text ?? '')
  }
}

function repeated(values: string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const value of values) {
    if (seen.has(value)) twice.add(value)
    seen.add(value)
  }
  return [...twice]
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
