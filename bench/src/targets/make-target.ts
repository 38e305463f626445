import type { ServerName } from '../cli/options.js'
import { AlgochatTarget } from './algochat-target.js'
import { CentrifugoTarget } from './centrifugo-target.js'
import { SocketIoTarget } from './socketio-target.js'
import type { Target } from './target.js'

/** A target that can also show its last output when a run fails. */
export type BenchTarget = Target & { output(): string }

export function makeTarget(name: ServerName): BenchTarget {
  switch (name) {
    case 'algochat':
      return new AlgochatTarget()
    case 'socketio':
      return new SocketIoTarget()
    case 'centrifugo':
      return new CentrifugoTarget()
  }
}
