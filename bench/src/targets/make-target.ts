import type { ServerName } from '../cli/options.js'
import { AlgochatTarget } from './algochat-target.js'
import { CentrifugoTarget } from './centrifugo-target.js'
import { MultiNodeTarget } from './multi-node-target.js'
import { nodeSet } from './node-sets.js'
import { SocketIoTarget } from './socketio-target.js'
import type { Target } from './target.js'

/** A target that can also show its last output when a run fails. */
export type BenchTarget = Target & { output(): string }

/** The server `name`, as one process or as `nodes` of them. */
export function makeTarget(name: ServerName, nodes = 1): BenchTarget {
  if (nodes > 1) return new MultiNodeTarget(name, nodes, nodeSet(name))
  switch (name) {
    case 'algochat':
      return new AlgochatTarget()
    case 'socketio':
      return new SocketIoTarget()
    case 'centrifugo':
      return new CentrifugoTarget()
  }
}
