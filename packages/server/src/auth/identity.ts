/** Who a verified token says the connection belongs to. */
export interface Identity {
  app: string
  user: string
  name: string | null
  guest: boolean
  /** Epoch ms when the token expires; null when it never does. */
  expiresAt: number | null
}
