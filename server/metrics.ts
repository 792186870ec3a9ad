/**
 * Prometheus metrics (`GET /metrics`), one registry per server. Counters
 * are bumped on the hot path with no labels beyond a small closed set
 * (reason, code, limit), so a scrape stays cheap however many rooms run.
 * prom-client's default metrics add event-loop lag, heap and RSS.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
  rooms(): number;
  connections(): number;
  bufferedBytes(): number;
}

export interface Metrics {
  registry: Registry;
  updatesIn: Counter;
  updateBytesIn: Counter;
  updatesOut: Counter;
  updateBytesOut: Counter;
  awarenessIn: Counter;
  awarenessOut: Counter;
  /** Updates not applied, by reason: the policy's reasons and 'rate-limit'. */
  refusedUpdates: Counter<'reason'>;
  /** Every limit crossed, by limit (README, "Limits"). */
  limits: Counter<'limit'>;
  connectionsOpened: Counter;
  closes: Counter<'code'>;
  persistSeconds: Histogram;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({ name: 'tavolo_rooms_loaded', help: 'Boards loaded in memory', registers, collect() { this.set(sources.rooms()); } });
  new Gauge({ name: 'tavolo_connections', help: 'Open sync sockets', registers, collect() { this.set(sources.connections()); } });
  new Gauge({
    name: 'tavolo_buffered_bytes',
    help: 'Outgoing bytes queued over all sync sockets',
    registers,
    collect() {
      this.set(sources.bufferedBytes());
    },
  });
  const metrics: Metrics = {
    registry,
    updatesIn: new Counter({ name: 'tavolo_updates_in_total', help: 'Document updates received', registers }),
    updateBytesIn: new Counter({ name: 'tavolo_update_bytes_in_total', help: 'Bytes of document updates received', registers }),
    updatesOut: new Counter({ name: 'tavolo_updates_out_total', help: 'Document update frames sent (one per recipient)', registers }),
    updateBytesOut: new Counter({ name: 'tavolo_update_bytes_out_total', help: 'Bytes of document update frames sent', registers }),
    awarenessIn: new Counter({ name: 'tavolo_awareness_in_total', help: 'Awareness updates received', registers }),
    awarenessOut: new Counter({ name: 'tavolo_awareness_out_total', help: 'Awareness frames sent (one per recipient)', registers }),
    refusedUpdates: new Counter({ name: 'tavolo_refused_updates_total', help: 'Updates not applied, by reason', labelNames: ['reason'], registers }),
    limits: new Counter({ name: 'tavolo_limits_total', help: 'Limits crossed, by limit', labelNames: ['limit'], registers }),
    connectionsOpened: new Counter({ name: 'tavolo_connections_opened_total', help: 'Sync sockets opened', registers }),
    closes: new Counter({ name: 'tavolo_connections_closed_total', help: 'Sync sockets closed, by close code', labelNames: ['code'], registers }),
    persistSeconds: new Histogram({
      name: 'tavolo_persist_seconds',
      help: 'Time to append one batch of updates to storage',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
  persistObserver = (seconds) => metrics.persistSeconds.observe(seconds);
  return metrics;
}

let persistObserver: ((seconds: number) => void) | null = null;

/** The room engine's hook: times one store append (success or failure) into the histogram. */
export async function timePersist<T>(append: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await append();
  } finally {
    persistObserver?.((performance.now() - started) / 1000);
  }
}
