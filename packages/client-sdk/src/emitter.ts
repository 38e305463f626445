type Listeners<Events> = {
  [K in keyof Events]?: Set<(value: Events[K]) => void>
}

/** A minimal typed event emitter; `on` returns the matching `off`. */
export class Emitter<Events extends object> {
  readonly #listeners: Listeners<Events> = {}

  on<K extends keyof Events>(
    event: K,
    listener: (value: Events[K]) => void,
  ): () => void {
    const set = (this.#listeners[event] ??= new Set())
    set.add(listener)
    return () => set.delete(listener)
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of this.#listeners[event] ?? []) listener(value)
  }
}
