import { AlgochatError } from '@algochat/protocol'
import type { AccountStore, Member } from '../ports/account-store.js'
import { TtlCache } from './ttl-cache.js'

export interface RoomAccessOptions {
  /**
   * How long a membership lookup is trusted without an invalidation, ms.
   * Invalidations arrive through the bus and a bus reconnect drops every
   * entry; the TTL bounds the damage of one lost while the bus seemed up.
   * @default 60000
   */
  ttlMs?: number
  /** @default 100000 */
  maxEntries?: number
}

/**
 * Answers "may this user do this in this room" from a membership cache,
 * so the hot path makes no account-store round trip per message. Every
 * node drops entries when the bus says a membership changed.
 */
export class RoomAccess {
  readonly #accounts: AccountStore
  readonly #cache: TtlCache<Member | null>

  constructor(accounts: AccountStore, options: RoomAccessOptions = {}) {
    this.#accounts = accounts
    this.#cache = new TtlCache(
      options.ttlMs ?? 60_000,
      options.maxEntries ?? 100_000,
    )
  }

  async member(
    app: string,
    room: string,
    user: string,
  ): Promise<Member | null> {
    const key = `${app}|${room}|${user}`
    const cached = this.#cache.get(key)
    if (cached !== undefined) return cached

    const member = await this.#accounts.getMember(app, room, user)
    this.#cache.set(key, member)
    return member
  }

  /** The member, if not banned; throws the reason otherwise. */
  async requireMember(
    app: string,
    room: string,
    user: string,
  ): Promise<Member> {
    const member = await this.member(app, room, user)
    if (!member) {
      const exists = await this.#accounts.getRoom(app, room)
      throw new AlgochatError(exists ? 'not_member' : 'room_not_found')
    }
    if (isActive(member.bannedUntil)) throw new AlgochatError('banned')
    return member
  }

  /** A member who may post now: neither banned nor muted. */
  async requirePoster(
    app: string,
    room: string,
    user: string,
  ): Promise<Member> {
    const member = await this.requireMember(app, room, user)
    if (isActive(member.mutedUntil)) throw new AlgochatError('muted')
    return member
  }

  /** A member with the owner or moderator role. */
  async requireModerator(
    app: string,
    room: string,
    user: string,
  ): Promise<Member> {
    const member = await this.requireMember(app, room, user)
    if (!canModerate(member)) throw new AlgochatError('forbidden')
    return member
  }

  invalidate(app: string, room: string, user?: string): void {
    if (user === undefined) this.#cache.delete(`${app}|${room}|`, true)
    else this.#cache.delete(`${app}|${room}|${user}`)
  }

  /** Forgets every answer, for when invalidations may have been lost. */
  clear(): void {
    this.#cache.clear()
  }
}

export function canModerate(member: Member): boolean {
  return member.role === 'owner' || member.role === 'moderator'
}

function isActive(until: number | null): boolean {
  return until !== null && until > Date.now()
}
