import { AlgochatError, type Role, type RoomKind } from '@algochat/protocol'
import type { AccountStore, Member, Room } from '../ports/account-store.js'
import type { ControlChannel } from './control-channel.js'
import { directRoomId } from './direct-room-id.js'

/**
 * Changes to rooms and memberships, shared by the WebSocket ops and the
 * admin API. Each change is written to the account store, then announced
 * so every node drops what it cached. Callers check who may do it.
 */
export class RoomService {
  readonly #accounts: AccountStore
  readonly #control: ControlChannel

  constructor(accounts: AccountStore, control: ControlChannel) {
    this.#accounts = accounts
    this.#control = control
  }

  async create(
    app: string,
    room: { id: string; kind: RoomKind; name?: string | null },
    owner: string | null,
  ): Promise<Room> {
    const created = await this.#accounts.createRoom({
      app,
      id: room.id,
      kind: room.kind,
      name: room.name ?? null,
      createdBy: owner,
    })
    if (owner !== null) await this.putMember(app, room.id, owner, 'owner')
    return created
  }

  /** The direct room of two users, created on first use. */
  async direct(app: string, a: string, b: string): Promise<Room> {
    if (a === b) {
      throw new AlgochatError('invalid_field', 'A direct room needs two users')
    }
    if (!(await this.#accounts.getUser(app, b))) {
      throw new AlgochatError('user_not_found')
    }

    const id = directRoomId(a, b)
    let room = await this.#accounts.getRoom(app, id)
    if (!room) {
      try {
        room = await this.#accounts.createRoom({
          app,
          id,
          kind: 'direct',
          name: null,
          createdBy: a,
        })
      } catch (error) {
        // Both users opened the room at once: the other request won.
        if (!(error instanceof AlgochatError && error.code === 'room_exists')) {
          throw error
        }
        room = await this.#require(app, id)
      }
    }

    for (const user of [a, b]) {
      if (!(await this.#accounts.getMember(app, id, user))) {
        await this.putMember(app, id, user, 'member')
      }
    }
    return room
  }

  async putMember(
    app: string,
    room: string,
    user: string,
    role: Role,
  ): Promise<Member> {
    if (!(await this.#accounts.getUser(app, user))) {
      await this.#accounts.upsertUser(app, { id: user })
    }
    const member = await this.#accounts.putMember(app, room, user, role)
    await this.#control.memberChanged(app, room, user)
    return member
  }

  async removeMember(app: string, room: string, user: string) {
    const removed = await this.#accounts.removeMember(app, room, user)
    await this.#control.memberChanged(app, room, user)
    await this.#control.revoke(app, user, room)
    return removed
  }

  /** Bans for `seconds`, or until lifted when undefined; null lifts it. */
  async ban(
    app: string,
    room: string,
    user: string,
    seconds: number | null | undefined,
  ) {
    if (!(await this.#accounts.getMember(app, room, user))) {
      await this.putMember(app, room, user, 'member')
    }
    const until = untilFrom(seconds)
    await this.#accounts.setBan(app, room, user, until)
    await this.#control.memberChanged(app, room, user)
    if (until !== null) await this.#control.revoke(app, user, room)
  }

  async mute(
    app: string,
    room: string,
    user: string,
    seconds: number | null | undefined,
  ) {
    if (!(await this.#accounts.getMember(app, room, user))) {
      throw new AlgochatError('not_member', 'That user is not a member')
    }
    await this.#accounts.setMute(app, room, user, untilFrom(seconds))
    await this.#control.memberChanged(app, room, user)
  }

  async delete(app: string, room: string): Promise<boolean> {
    const members = await this.#accounts.listMembers(app, room)
    const deleted = await this.#accounts.deleteRoom(app, room)
    for (const member of members) {
      await this.#control.revoke(app, member.user, room)
    }
    await this.#control.memberChanged(app, room)
    return deleted
  }

  async #require(app: string, id: string): Promise<Room> {
    const room = await this.#accounts.getRoom(app, id)
    if (!room) throw new AlgochatError('room_not_found')
    return room
  }
}

/** Far enough ahead to mean "until lifted", small enough for any engine. */
const forever = Date.UTC(9999, 0, 1)

function untilFrom(seconds: number | null | undefined): number | null {
  if (seconds === null) return null
  if (seconds === undefined) return forever
  return Date.now() + seconds * 1000
}
