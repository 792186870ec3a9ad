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

/**
 * Traffic counts, bumped once per frame per recipient: plain numbers, so the
 * send loop does no more than an addition; the counters read them on scrape.
 */
export interface Traffic {
  updatesIn: number;
  updateBytesIn: number;
  updatesOut: number;
  updateBytesOut: number;
  awarenessIn: number;
  awarenessOut: number;
}

export interface Metrics {
  registry: Registry;
  traffic: Traffic;
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
  const gauge = (name: string, help: string, read: () => number): void =>
    void new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge('tavolo_rooms_loaded', 'Boards loaded in memory', sources.rooms);
  gauge('tavolo_connections', 'Open sync sockets', sources.connections);
  gauge('tavolo_buffered_bytes', 'Outgoing bytes queued over all sync sockets', sources.bufferedBytes);
  const traffic: Traffic = { updatesIn: 0, updateBytesIn: 0, updatesOut: 0, updateBytesOut: 0, awarenessIn: 0, awarenessOut: 0 };
  const trafficCounter = (name: string, help: string, key: keyof Traffic): void =>
    void new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(traffic[key]);
      },
    });
  trafficCounter('tavolo_updates_in_total', 'Document updates received', 'updatesIn');
  trafficCounter('tavolo_update_bytes_in_total', 'Bytes of document updates received', 'updateBytesIn');
  trafficCounter('tavolo_updates_out_total', 'Document update frames sent (one per recipient)', 'updatesOut');
  trafficCounter('tavolo_update_bytes_out_total', 'Bytes of document update frames sent', 'updateBytesOut');
  trafficCounter('tavolo_awareness_in_total', 'Awareness updates received', 'awarenessIn');
  trafficCounter('tavolo_awareness_out_total', 'Awareness frames sent (one per recipient)', 'awarenessOut');
  const metrics: Metrics = {
    registry,
    traffic,
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

/** Set by the latest createMetrics: one server per process, as main.ts runs it. */
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
