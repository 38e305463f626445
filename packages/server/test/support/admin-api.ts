/** A site backend's view of the admin API: JSON over HTTP with the secret. */
export class AdminApi {
  readonly #base: string
  readonly #app: { id: string; secret: string }

  constructor(baseUrl: string, app: { id: string; secret: string }) {
    this.#base = baseUrl
    this.#app = app
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    secret: string | null = this.#app.secret,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(
      `${this.#base}/v1/apps/${this.#app.id}${path}`,
      {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(secret === null ? {} : { authorization: `Bearer ${secret}` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
    )
    const text = await response.text()
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    }
  }
}
