/**
 * Bench settings. Each can be given as `--name=value` or as the env variable
 * BENCH_NAME (upper case, dashes as underscores); the flag wins. `--quick`
 * (or BENCH_QUICK=1) swaps in smaller defaults that finish in under a minute.
 */
import { allTargets, type Target } from './servers/targets';

export const SCENARIOS = ['fanout', 'saturation', 'rooms', 'cold', 'durable', 'crash', 'joinstorm', 'memory', 'suggest', 'multiprocess', 'render'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface FanoutCase {
  clients: number;
  ratePerSec: number;
}

export interface BenchOptions {
  quick: boolean;
  targets: Target[];
  scenarios: ScenarioName[];
  /** Load-generator threads (the bench process); the server under test is another process. */
  workers: number;
  fanout: FanoutCase[];
  warmupMs: number;
  measureMs: number;
  /** Longest wait after the window for late receipts before counting them lost. */
  drainMs: number;
  connectBatch: number;
  durableClients: number;
  durableMs: number;
  coldNotes: number;
  /** Distinct writers of the cold-load board: a workshop has tens of people, not one per note. */
  coldAuthors: number;
  coldRuns: number;
  /** Fault injection: SIGKILL-and-restart rounds, and the clients editing meanwhile. */
  crashRounds: number;
  crashClients: number;
  /** Replays one fault-injection run (its seed is printed). */
  crashSeed: number | null;
  joinStorm: JoinStormCase;
  /** Idle clients connected to measure the memory one more costs the server. */
  memoryClients: number;
  /** Saturation: one room of `clients`, the rate climbing through `rates` until p99 passes the bound. */
  saturation: SaturationCase;
  /** Many rooms on one process: `rooms` × `clientsPerRoom`, `ratePerSec` edits in all. */
  manyRooms: ManyRoomsCase;
  /** Several processes: one room, this many clients and edits/s, on three processes behind nginx vs one. */
  multiProcess: FanoutCase;
  /** Rounds of the one- and three-process runs back to back (the SIGKILL run follows the last). */
  multiProcessRounds: number;
  /** Client rendering: the board opened in headless Chromium, and fresh page loads measured. */
  renderNotes: number;
  renderScenarios: number;
  renderRuns: number;
}

export interface SaturationCase {
  clients: number;
  rates: number[];
  warmupMs: number;
  measureMs: number;
}

export interface ManyRoomsCase {
  rooms: number;
  clientsPerRoom: number;
  ratePerSec: number;
}

export interface JoinStormCase {
  /** Notes on the board the joiners download. */
  boardNotes: number;
  /** People already in the room, editing at `ratePerSec` in all. */
  inRoom: number;
  ratePerSec: number;
  /** Fresh clients opening their sockets at the same moment. */
  joiners: number;
  /** The measured window of in-room edits, which the storm falls into. */
  windowMs: number;
}

const FULL = {
  fanout: '1000x20,500x200,1000x200',
  'saturation-clients': '1000',
  'saturation-rates': '50,100,200,300,450,700,1000,1500,2200',
  'saturation-warmup-ms': '2000',
  'saturation-measure-ms': '5000',
  'many-rooms': '200x15',
  'many-rooms-rate': '200',
  'warmup-ms': '5000',
  'measure-ms': '20000',
  'drain-ms': '15000',
  'durable-clients': '32',
  'durable-ms': '10000',
  'cold-notes': '2000',
  'cold-authors': '40',
  'cold-runs': '5',
  'crash-rounds': '20',
  'crash-clients': '50',
  'storm-notes': '2000',
  'storm-in-room': '50',
  'storm-rate': '20',
  'storm-joiners': '300',
  'storm-window-ms': '10000',
  'memory-clients': '1000',
  'multi-process': '600x20',
  'multi-process-rounds': '2',
  'render-notes': '2000',
  'render-scenarios': '20',
  'render-runs': '3',
};

const QUICK: typeof FULL = {
  fanout: '200x20,100x100',
  'saturation-clients': '200',
  'saturation-rates': '50,100,200,400',
  'saturation-warmup-ms': '1000',
  'saturation-measure-ms': '2000',
  'many-rooms': '20x15',
  'many-rooms-rate': '50',
  'warmup-ms': '1000',
  'measure-ms': '3000',
  'drain-ms': '5000',
  'durable-clients': '16',
  'durable-ms': '3000',
  'cold-notes': '2000',
  'cold-authors': '40',
  'cold-runs': '2',
  'crash-rounds': '5',
  'crash-clients': '50',
  'storm-notes': '2000',
  'storm-in-room': '20',
  'storm-rate': '20',
  'storm-joiners': '100',
  'storm-window-ms': '5000',
  'memory-clients': '300',
  'multi-process': '60x20',
  'multi-process-rounds': '1',
  'render-notes': '2000',
  'render-scenarios': '20',
  'render-runs': '1',
};

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  // `npm run bench -- suggest fanout`: bare scenario names are the same as --scenarios=suggest,fanout.
  const named: string[] = [];
  for (const arg of argv) {
    if ((SCENARIOS as readonly string[]).includes(arg)) {
      named.push(arg);
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}; use --name=value`);
    flags.set(m[1]!, m[2] ?? '1');
  }
  const raw = (name: string): string | undefined => flags.get(name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const quick = ['1', 'true'].includes(raw('quick') ?? '');
  const defaults = quick ? QUICK : FULL;
  const get = (name: keyof typeof FULL): string => raw(name) ?? defaults[name];
  const int = (name: keyof typeof FULL | 'workers' | 'connect-batch', def?: number): number => {
    const v = name in defaults ? get(name as keyof typeof FULL) : (raw(name) ?? String(def));
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${v}`);
    return n;
  };

  const targetNames = (raw('targets') ?? allTargets.map((t) => t.name).join(',')).split(',');
  const targets = targetNames.map((name) => {
    const t = allTargets.find((x) => x.name === name);
    if (!t) throw new Error(`unknown target ${name}; known: ${allTargets.map((x) => x.name).join(', ')}`);
    return t;
  });
  const scenarios = (named.length > 0 ? named.join(',') : (raw('scenarios') ?? SCENARIOS.join(','))).split(',').map((s) => {
    if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`unknown scenario ${s}; known: ${SCENARIOS.join(', ')}`);
    return s as ScenarioName;
  });
  const fanout = get('fanout')
    .split(',')
    .map((spec) => {
      const m = /^(\d+)x(\d+)$/.exec(spec.trim());
      if (!m) throw new Error(`--fanout takes CLIENTSxEDITS_PER_SEC[,…], got ${spec}`);
      return { clients: Number(m[1]), ratePerSec: Number(m[2]) };
    });
  const manyRooms = /^(\d+)x(\d+)$/.exec(get('many-rooms').trim());
  if (!manyRooms) throw new Error(`--many-rooms takes ROOMSxCLIENTS_PER_ROOM, got ${get('many-rooms')}`);
  const rates = get('saturation-rates')
    .split(',')
    .map((r) => Number(r.trim()));
  if (rates.some((r) => !Number.isInteger(r) || r <= 0)) throw new Error(`--saturation-rates takes rising edits/s like 50,100,200, got ${get('saturation-rates')}`);
  const multiProcess = /^(\d+)x(\d+)$/.exec(get('multi-process').trim());
  if (!multiProcess) throw new Error(`--multi-process takes CLIENTSxEDITS_PER_SEC, got ${get('multi-process')}`);

  return {
    quick,
    targets,
    scenarios,
    workers: Math.max(1, int('workers', 1)),
    fanout,
    warmupMs: int('warmup-ms'),
    measureMs: int('measure-ms'),
    drainMs: int('drain-ms'),
    connectBatch: Math.max(1, int('connect-batch', 50)),
    durableClients: Math.max(2, int('durable-clients')),
    durableMs: int('durable-ms'),
    coldNotes: int('cold-notes'),
    coldAuthors: Math.max(1, int('cold-authors')),
    coldRuns: Math.max(1, int('cold-runs')),
    crashRounds: Math.max(1, int('crash-rounds')),
    crashClients: Math.max(2, int('crash-clients')),
    crashSeed: raw('crash-seed') === undefined ? null : Number(raw('crash-seed')),
    joinStorm: {
      boardNotes: int('storm-notes'),
      inRoom: Math.max(2, int('storm-in-room')),
      ratePerSec: int('storm-rate'),
      joiners: Math.max(1, int('storm-joiners')),
      windowMs: int('storm-window-ms'),
    },
    memoryClients: Math.max(1, int('memory-clients')),
    saturation: { clients: Math.max(2, int('saturation-clients')), rates, warmupMs: int('saturation-warmup-ms'), measureMs: int('saturation-measure-ms') },
    manyRooms: { rooms: Number(manyRooms[1]), clientsPerRoom: Math.max(2, Number(manyRooms[2])), ratePerSec: int('many-rooms-rate') },
    multiProcess: { clients: Number(multiProcess[1]), ratePerSec: Number(multiProcess[2]) },
    multiProcessRounds: Math.max(1, int('multi-process-rounds')),
    renderNotes: Math.max(1, int('render-notes')),
    renderScenarios: Math.max(1, int('render-scenarios')),
    renderRuns: Math.max(1, int('render-runs')),
  };
}
