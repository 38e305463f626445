import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client'

/**
 * Every metric the server exports, on its own registry so several servers
 * in one process (tests, benchmarks) do not collide.
 */
export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'algochat_process_' })

  return {
    registry,
    connections: new Gauge({
      name: 'algochat_connections',
      help: 'Open WebSocket connections on this node',
      registers: [registry],
    }),
    frames: new Counter({
      name: 'algochat_frames_received_total',
      help: 'Client frames received, by op',
      labelNames: ['op'],
      registers: [registry],
    }),
    accepted: new Counter({
      name: 'algochat_commands_accepted_total',
      help: 'Commands appended to the message log, by op',
      labelNames: ['op'],
      registers: [registry],
    }),
    sequenced: new Counter({
      name: 'algochat_events_sequenced_total',
      help: 'Events stored with a new seq, by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'algochat_commands_deduplicated_total',
      help: 'Commands whose clientId was already stored',
      registers: [registry],
    }),
    delivered: new Counter({
      name: 'algochat_frames_delivered_total',
      help: 'Event frames written to sockets',
      registers: [registry],
    }),
    fanoutLatency: new Histogram({
      name: 'algochat_fanout_latency_seconds',
      help: 'From the node accepting a command to its event reaching sockets',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'algochat_sequencer_batch_size',
      help: 'Commands per sequencer batch',
      buckets: [1, 5, 10, 50, 100, 250, 500, 1000],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'algochat_errors_total',
      help: 'Errors sent to clients, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    logLag: new Gauge({
      name: 'algochat_log_lag',
      help: 'Commands appended to the log and not yet sequenced',
      registers: [registry],
    }),
    slowConsumers: new Counter({
      name: 'algochat_slow_consumer_closes_total',
      help: 'Sockets closed because their send buffer overflowed',
      registers: [registry],
    }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
