/**
 * Result tables of the load scenarios (fan-out, saturation, many rooms),
 * each Tavolo figure set against both anchors of the same run, and the
 * targets each one misses.
 */
import type { BenchOptions } from '../options';
import type { FanoutResult } from '../scenarios/fanout';
import type { ManyRoomsResult } from '../scenarios/manyRooms';
import { SATURATION_P99_MS, type SaturationResult } from '../scenarios/saturation';
import { round } from './stats';
import type { Table } from './table';

/** A plenary where everyone types: 1,000 clients at 200 edits/s, p99 under this, nothing lost. */
export const PLENARY = { clients: 1000, ratePerSec: 200, p99Ms: 50 };
/** Many rooms on one process: every room synced, p99 and RSS under these. */
export const MANY_ROOMS = { p99Ms: 50, rssMiB: 1024 };

export const f = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : String(round(n, digits)));

const isTavolo = (label: string): boolean => label.startsWith('Tavolo');
const ANCHORS = [
  { name: 'y-websocket', match: (label: string) => label.startsWith('y-websocket') },
  { name: 'Hocuspocus', match: (label: string) => label.startsWith('Hocuspocus') },
];

/**
 * "Tavolo ÷ anchor" for each anchor, on Tavolo's rows only: the anchor's row
 * is the one `same` pairs with Tavolo's (same clients and rate).
 */
function ratios<T extends { target: string }>(rows: T[], x: T, same: (a: T, b: T) => boolean, value: (y: T) => number | null): string[] {
  return ANCHORS.map((anchor) => {
    if (!isTavolo(x.target)) return '-';
    const a = rows.find((y) => anchor.match(y.target) && same(x, y));
    const num = value(x);
    const den = a ? value(a) : null;
    return num === null || den === null || !(den > 0) ? '-' : `${f(num / den, 3)}×`;
  });
}

const ratioHead = (what: string): string[] => ANCHORS.map((a) => `${what} ÷ ${a.name}`);

export function fanoutTable(rows: FanoutResult[], opts: Pick<BenchOptions, 'measureMs' | 'warmupMs' | 'drainMs'>, missed: string[]): Table {
  const same = (a: FanoutResult, b: FanoutResult): boolean => a.clients === b.clients && a.ratePerSec === b.ratePerSec;
  const plenary = (x: FanoutResult): boolean => x.clients === PLENARY.clients && x.ratePerSec === PLENARY.ratePerSec;
  for (const x of rows) {
    if (x.lost > 0) missed.push(`fan-out ${x.target} ${x.clients}×${x.ratePerSec}: ${x.lost} receipts lost`);
    if (isTavolo(x.target) && plenary(x) && !(x.latencyMs.p99 < PLENARY.p99Ms)) missed.push(`plenary ${x.target} ${x.clients}×${x.ratePerSec}: p99 ${f(x.latencyMs.p99)} ms ≥ ${PLENARY.p99Ms} ms`);
  }
  return {
    title: `Fan-out: latency from send to each other client's receipt (ms), over ${opts.measureMs / 1000} s after ${opts.warmupMs / 1000} s warm-up`,
    head: ['server', 'clients', 'edits/s', 'p50', 'p95', 'p99', ...ratioHead('p99'), 'max', 'receipts expected', 'received', 'lost', 'server CPU %', 'server RSS MiB', ...ratioHead('RSS'), 'loadgen CPU %', 'connect s', 'verdict'],
    rows: rows.map((x) => [
      x.target,
      String(x.clients),
      String(x.ratePerSec),
      f(x.latencyMs.p50, 2),
      f(x.latencyMs.p95, 2),
      f(x.latencyMs.p99, 2),
      ...ratios(rows, x, same, (y) => y.latencyMs.p99),
      f(x.latencyMs.max, 2),
      String(x.receiptsExpected),
      String(x.receiptsReceived),
      x.lost === 0 ? '0' : `${x.lost} LOST`,
      f(x.server.cpuPercent, 0),
      f(x.server.peakRssMiB, 0),
      ...ratios(rows, x, same, (y) => y.server.peakRssMiB),
      f(x.generatorCpuPercent, 0),
      f(x.connectMs / 1000, 1),
      !isTavolo(x.target) ? '-' : x.lost > 0 ? 'MISSED' : plenary(x) ? (x.latencyMs.p99 < PLENARY.p99Ms ? 'met' : 'MISSED') : '-',
    ]),
    notes: [
      'CPU % is of one core, averaged over the measured window; RSS is the peak. The load generator runs in the bench process on the other core.',
      `lost = not received within ${opts.drainMs / 1000} s after the window (a backlog that never caught up counts as lost).`,
      `Tavolo ÷ anchor: below 1 means Tavolo is lower (faster, smaller) by that factor. Target: ${PLENARY.clients} clients × ${PLENARY.ratePerSec} edits/s with p99 < ${PLENARY.p99Ms} ms and nothing lost.`,
    ],
  };
}

export function saturationTable(rows: SaturationResult[]): Table {
  const same = (a: SaturationResult, b: SaturationResult): boolean => a.clients === b.clients;
  const atSustained = (x: SaturationResult): SaturationResult['steps'][number] | undefined => x.steps.find((s) => s.ratePerSec === x.sustainedPerSec);
  const firstMiss = (x: SaturationResult): SaturationResult['steps'][number] | undefined => x.steps.find((s) => !s.held);
  return {
    title: `Saturation: the highest edit rate one room sustains with p99 < ${SATURATION_P99_MS} ms and nothing lost`,
    head: ['server', 'clients', 'sustained edits/s', ...ratioHead('sustained'), 'p99 there', 'server CPU % there', 'first rate missed', 'p99 there', 'lost there', 'loadgen CPU % there', 'server RSS MiB'],
    rows: rows.map((x) => {
      const ok = atSustained(x);
      const miss = firstMiss(x);
      return [
        x.target,
        String(x.clients),
        String(x.sustainedPerSec),
        ...ratios(rows, x, same, (y) => y.sustainedPerSec),
        f(ok?.latencyMs.p99),
        f(ok?.serverCpuPercent, 0),
        miss ? String(miss.ratePerSec) : 'none (list exhausted)',
        f(miss?.latencyMs.p99),
        miss ? String(miss.lost) : '-',
        f(miss?.generatorCpuPercent, 0),
        f(x.peakRssMiB, 0),
      ];
    }),
    notes: [
      'Each step: a short warm-up, a measured window and a drain, the clients staying connected; the rate stops rising at the first step over the bound. Precision is the step size.',
      'Tavolo ÷ anchor above 1 means Tavolo sustains that many times the rate. A loadgen CPU near 100 % at the first missed step means the generator, not the server, was the limit.',
    ],
  };
}

export function manyRoomsTable(rows: ManyRoomsResult[], missed: string[]): Table {
  const same = (a: ManyRoomsResult, b: ManyRoomsResult): boolean => a.rooms === b.rooms && a.clientsPerRoom === b.clientsPerRoom;
  const met = (x: ManyRoomsResult): boolean => x.lost === 0 && x.latencyMs.p99 < MANY_ROOMS.p99Ms && (x.server.peakRssMiB ?? Infinity) < MANY_ROOMS.rssMiB;
  for (const x of rows) {
    if (isTavolo(x.target) && !met(x)) missed.push(`many rooms ${x.target}: p99 ${f(x.latencyMs.p99)} ms, ${x.lost} lost, RSS ${f(x.server.peakRssMiB, 0)} MiB`);
  }
  return {
    title: `Many rooms on one process: all synced, edits by random clients across all rooms (targets: p99 < ${MANY_ROOMS.p99Ms} ms, RSS < ${MANY_ROOMS.rssMiB} MiB)`,
    head: ['server', 'rooms', 'clients/room', 'edits/s in all', 'connect s', 'p50', 'p99', ...ratioHead('p99'), 'max', 'lost', 'server CPU %', 'server RSS MiB', ...ratioHead('RSS'), 'loadgen CPU %', 'verdict'],
    rows: rows.map((x) => [
      x.target,
      String(x.rooms),
      String(x.clientsPerRoom),
      String(x.ratePerSec),
      f(x.connectMs / 1000, 1),
      f(x.latencyMs.p50, 2),
      f(x.latencyMs.p99, 2),
      ...ratios(rows, x, same, (y) => y.latencyMs.p99),
      f(x.latencyMs.max, 2),
      x.lost === 0 ? '0' : `${x.lost} LOST`,
      f(x.server.cpuPercent, 0),
      f(x.server.peakRssMiB, 0),
      ...ratios(rows, x, same, (y) => y.server.peakRssMiB),
      f(x.generatorCpuPercent, 0),
      isTavolo(x.target) ? (met(x) ? 'met' : 'MISSED') : '-',
    ]),
    notes: ['Tavolo persists every room in SQLite before relaying; the anchors keep memory only.'],
  };
}
