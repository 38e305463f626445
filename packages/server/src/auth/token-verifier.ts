import { AlgochatError, idPattern } from '@algochat/protocol'
import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
} from 'jose'
import type { App } from '../ports/account-store.js'
import type { Identity } from './identity.js'

const userIdRegExp = new RegExp(idPattern)

type VerifyKey = CryptoKey | Uint8Array

/**
 * Verifies user tokens signed by a site's backend.
 *
 * Each key accepts exactly one algorithm: the app secret only HS256, a
 * registered public key only the algorithm it was registered with. So
 * `alg: none` and key confusion (an HMAC signed with a public key's text)
 * fail before any signature is checked.
 */
export class TokenVerifier {
  readonly #publicKeys = new Map<string, Promise<CryptoKey>>()
  readonly #secrets = new Map<string, Uint8Array>()

  async verify(token: string, app: App): Promise<Identity> {
    const header = this.#header(token)
    const key = await this.#keyFor(app, header.alg, header.kid)

    let payload: JWTPayload
    try {
      const result = await jwtVerify(token, key, {
        algorithms: [header.alg],
        audience: app.id,
        requiredClaims: ['sub'],
      })
      payload = result.payload
    } catch (cause) {
      throw this.#translate(cause, token, app)
    }

    return this.#identity(payload, app)
  }

  /** Drops cached keys after an app's secret or keys change. */
  forget(appId: string): void {
    this.#secrets.delete(appId)
    for (const cacheKey of this.#publicKeys.keys()) {
      if (cacheKey.startsWith(`${appId}\u0000`)) {
        this.#publicKeys.delete(cacheKey)
      }
    }
  }

  /** Drops every cached key, for when announcements may have been lost. */
  clear(): void {
    this.#secrets.clear()
    this.#publicKeys.clear()
  }

  #header(token: string): { alg: string; kid: string | undefined } {
    try {
      const header = decodeProtectedHeader(token)
      if (typeof header.alg !== 'string') throw new Error('no alg')
      return { alg: header.alg, kid: header.kid }
    } catch (cause) {
      throw new AlgochatError('token_invalid', 'Token is malformed', {
        cause,
      })
    }
  }

  async #keyFor(
    app: App,
    alg: string,
    kid: string | undefined,
  ): Promise<VerifyKey> {
    if (alg === 'HS256') return this.#secret(app)

    const entry = app.publicKeys.find(
      (key) => key.alg === alg && (kid === undefined || key.kid === kid),
    )
    if (!entry) {
      throw new AlgochatError(
        'token_invalid',
        `No key of this app accepts alg ${alg}`,
      )
    }

    const cacheKey = `${app.id}\u0000${entry.kid}\u0000${entry.alg}`
    let key = this.#publicKeys.get(cacheKey)
    if (!key) {
      key = importSPKI(entry.pem, entry.alg)
      this.#publicKeys.set(cacheKey, key)
    }
    return key
  }

  #secret(app: App): Uint8Array {
    let secret = this.#secrets.get(app.id)
    if (!secret) {
      secret = new TextEncoder().encode(app.secret)
      this.#secrets.set(app.id, secret)
    }
    return secret
  }

  #translate(cause: unknown, token: string, app: App): AlgochatError {
    if (cause instanceof errors.JWTExpired) {
      return new AlgochatError('token_expired', undefined, { cause })
    }

    if (
      cause instanceof errors.JWTClaimValidationFailed &&
      cause.claim === 'aud' &&
      this.#audience(token) !== undefined
    ) {
      return new AlgochatError(
        'wrong_app',
        `Token is for another app, not ${app.id}`,
        { cause },
      )
    }

    const reason = cause instanceof Error ? cause.message : 'unknown'
    return new AlgochatError('token_invalid', `Token rejected: ${reason}`, {
      cause,
    })
  }

  #audience(token: string): unknown {
    try {
      return decodeJwt(token).aud
    } catch {
      return undefined
    }
  }

  #identity(payload: JWTPayload, app: App): Identity {
    const user = payload.sub
    if (typeof user !== 'string' || !userIdRegExp.test(user)) {
      throw new AlgochatError(
        'token_invalid',
        'Token subject is not a valid id',
      )
    }

    const guest = payload['guest'] === true
    if (guest && !app.allowGuests) throw new AlgochatError('guests_disabled')

    const name = payload['name']
    return {
      app: app.id,
      user,
      name: typeof name === 'string' ? name.slice(0, 100) : null,
      guest,
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    }
  }
}
