/**
 * Counts loss and duplicates per room from the sequence numbers senders
 * put in their payloads. Every member of a room, the sender included,
 * is expected to receive every message sent to it once. Each
 * (room, receiver, sender) pair keeps a bitmap of the sequences seen, so
 * reordering is tolerated and a repeat is recognised however late.
 *
 * Members are addressed by their slot in the room (0 .. size - 1), and
 * each sender numbers its messages 1, 2, 3, ... per room.
 */
export interface DeliveryCounts {
  /** Deliveries owed: messages sent to each room times its members. */
  expected: number
  /** Distinct (message, receiver) deliveries seen. */
  received: number
  lost: number
  duplicates: number
  /** Deliveries of sequences never sent, or from slots outside a room. */
  unexpected: number
  roomsWithLoss: number
  roomsWithDuplicates: number
}

export type DeliveryOutcome = 'new' | 'duplicate' | 'unexpected'

export class DeliveryTracker {
  readonly #sizes: readonly number[]
  /** First pair index of each room; a room has size * size pairs. */
  readonly #pairBase: number[]
  readonly #seen: (Uint8Array | undefined)[]
  /** Highest sequence sent, per (room, sender). */
  readonly #sent: number[][]
  readonly #receivedPerRoom: Float64Array
  readonly #duplicatesPerRoom: Float64Array
  #unexpected = 0

  /** `sizes[r]` is the number of members of room r. */
  constructor(sizes: readonly number[]) {
    this.#sizes = sizes
    this.#pairBase = []
    let base = 0
    for (const size of sizes) {
      this.#pairBase.push(base)
      base += size * size
    }
    this.#seen = new Array<Uint8Array | undefined>(base)
    this.#sent = sizes.map((size) => new Array<number>(size).fill(0))
    this.#receivedPerRoom = new Float64Array(sizes.length)
    this.#duplicatesPerRoom = new Float64Array(sizes.length)
  }

  /** Notes that `sender` sent sequence `seq` (1-based, increasing). */
  recordSent(room: number, sender: number, seq: number): void {
    const sent = this.#sent[room]
    if (!sent || sender < 0 || sender >= sent.length) {
      throw new RangeError(`no slot ${sender} in room ${room}`)
    }
    if (seq > sent[sender]!) sent[sender] = seq
  }

  recordReceived(
    room: number,
    receiver: number,
    sender: number,
    seq: number,
  ): DeliveryOutcome {
    const size = this.#sizes[room]
    if (
      size === undefined ||
      receiver < 0 ||
      receiver >= size ||
      sender < 0 ||
      sender >= size ||
      !Number.isInteger(seq) ||
      seq < 1 ||
      seq > this.#sent[room]![sender]!
    ) {
      this.#unexpected += 1
      return 'unexpected'
    }

    const pair = this.#pairBase[room]! + receiver * size + sender
    const byte = (seq - 1) >> 3
    const bit = 1 << ((seq - 1) & 7)
    let seen = this.#seen[pair]
    if (!seen || byte >= seen.length) {
      const grown = new Uint8Array(Math.max(16, (byte + 1) * 2))
      if (seen) grown.set(seen)
      seen = grown
      this.#seen[pair] = seen
    }

    if ((seen[byte]! & bit) !== 0) {
      this.#duplicatesPerRoom[room]! += 1
      return 'duplicate'
    }
    seen[byte]! |= bit
    this.#receivedPerRoom[room]! += 1
    return 'new'
  }

  counts(): DeliveryCounts {
    const counts: DeliveryCounts = {
      expected: 0,
      received: 0,
      lost: 0,
      duplicates: 0,
      unexpected: this.#unexpected,
      roomsWithLoss: 0,
      roomsWithDuplicates: 0,
    }

    for (let room = 0; room < this.#sizes.length; room++) {
      const size = this.#sizes[room]!
      let sentToRoom = 0
      for (const seq of this.#sent[room]!) sentToRoom += seq
      const expected = sentToRoom * size
      const received = this.#receivedPerRoom[room]!
      const duplicates = this.#duplicatesPerRoom[room]!

      counts.expected += expected
      counts.received += received
      counts.lost += expected - received
      counts.duplicates += duplicates
      if (expected > received) counts.roomsWithLoss += 1
      if (duplicates > 0) counts.roomsWithDuplicates += 1
    }
    return counts
  }
}
