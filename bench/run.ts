/**
 * `npm run bench`: runs each scenario against each server, one server
 * process at a time, prints the tables and writes bench/results/latest.json
 * and latest.md. See bench/README.md for what the numbers mean.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOptions, type BenchOptions } from './options';
import { runCold, type ColdResult } from './scenarios/cold';
import { runCrash, type CrashResult } from './scenarios/crash';
import { runDurable, type DurableResult } from './scenarios/durable';
import { runFanout, type FanoutResult } from './scenarios/fanout';
import { runSuggest, suggestTable, type SuggestResult } from './scenarios/suggest';
import { round } from './report/stats';
import { toMarkdown, toText, type Table } from './report/table';
import { repoRoot } from './servers/spawnServer';
import { tavoloSource, useTavoloRef } from './servers/targets';

/** Targets from the brief. */
const COLD_TARGET_MS = 150;
const DURABLE_TARGET_PER_SEC = 5000;

interface Results {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string };
  tavolo: string;
  options: Omit<BenchOptions, 'targets'> & { targets: string[] };
  fanout: FanoutResult[];
  cold: ColdResult[];
  durable: DurableResult[];
  crash: CrashResult[];
  suggest: SuggestResult[];
  targetsMissed: string[];
}

const f = (n: number | null, digits = 1): string => (n === null || !Number.isFinite(n) ? 'n/a' : String(round(n, digits)));

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  useTavoloRef(process.argv.find((a) => a.startsWith('--tavolo-ref='))?.split('=')[1] ?? process.env.BENCH_TAVOLO_REF);
  const results: Results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memGiB: round(os.totalmem() / 2 ** 30), node: process.version },
    tavolo: tavoloSource(),
    options: { ...opts, targets: opts.targets.map((t) => t.name) },
    fanout: [],
    cold: [],
    durable: [],
    crash: [],
    suggest: [],
    targetsMissed: [],
  };
  const t0 = performance.now();
  const say = (msg: string): void => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
  say(`Tavolo from ${results.tavolo}; ${opts.quick ? 'quick' : 'full'} mode; ${opts.workers} load worker(s)`);

  if (opts.scenarios.includes('fanout')) {
    for (const c of opts.fanout) {
      for (const target of opts.targets) {
        say(`fan-out ${c.clients} clients × ${c.ratePerSec} edits/s → ${target.label}`);
        const r = await runFanout(target, c, opts);
        results.fanout.push(r);
        say(`  p50 ${f(r.latencyMs.p50)} ms, p99 ${f(r.latencyMs.p99)} ms, lost ${r.lost}`);
      }
    }
  }
  if (opts.scenarios.includes('cold')) {
    for (const target of opts.targets.filter((t) => t.name === 'tavolo')) {
      say(`cold load ${opts.coldNotes} notes × ${opts.coldRuns} restarts → ${target.label}`);
      const r = await runCold(target, opts);
      results.cold.push(r);
      say(`  connect→synced p50 ${f(r.coldSyncMs.p50)} ms, server load p50 ${f(r.serverLoadMs.p50)} ms`);
    }
  }
  if (opts.scenarios.includes('durable')) {
    for (const target of opts.targets) {
      say(`throughput ${opts.durableClients} clients × ${opts.durableMs / 1000} s → ${target.label}`);
      const r = await runDurable(target, opts);
      results.durable.push(r);
      say(`  relayed ${f(r.relayedPerSec, 0)}/s, durable ${f(r.durablePerSec, 0)}/s`);
    }
  }
  if (opts.scenarios.includes('crash')) {
    for (const target of opts.targets.filter((t) => t.name === 'tavolo')) {
      say(`fault injection: ${opts.crashRounds} × SIGKILL + restart under ${opts.crashClients} editing clients → ${target.label}`);
      const r = await runCrash(target, opts, say);
      results.crash.push(r);
      say(`  ${r.rounds} rounds, ${r.relayed} updates relayed, ${r.lost} lost (seed ${r.seed})`);
    }
  }

  if (opts.scenarios.includes('suggest')) {
    say('suggested scenarios: labelled workshop (bench/data/) and a 2,000-note board');
    const r = runSuggest();
    results.suggest.push(r);
    say(`  groups F1 ${f(r.groups.f1, 2)}, duplicates P ${f(r.duplicates.precision, 2)} R ${f(r.duplicates.recall, 2)}, 2,000 notes p50 ${f(r.large.ms.p50, 0)} ms wall, ${f(r.large.cpuMs.p50, 0)} ms CPU`);
  }

  const tables = buildTables(results);
  console.log(`\n${tables.map(toText).join('\n\n')}\n`);
  if (results.targetsMissed.length > 0) for (const m of results.targetsMissed) console.log(`TARGET MISSED: ${m}`);
  else console.log('All targets met.');

  const outDir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const header = `# Tavolo bench, ${results.startedAt}\n\n${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memGiB} GiB, Node ${results.machine.node}; Tavolo from ${results.tavolo}; ${opts.quick ? 'quick' : 'full'} mode.\n`;
  const missed = results.targetsMissed.length ? results.targetsMissed.map((m) => `**TARGET MISSED:** ${m}`).join('\n\n') : 'All targets met.';
  fs.writeFileSync(path.join(outDir, 'latest.md'), `${header}\n${tables.map(toMarkdown).join('\n\n')}\n\n${missed}\n`);
  say(`wrote bench/results/latest.json and latest.md`);
}

function buildTables(r: Results): Table[] {
  const tables: Table[] = [];
  if (r.fanout.length) {
    tables.push({
      title: `Fan-out: latency from send to each other client's receipt (ms), over ${r.options.measureMs / 1000} s after ${r.options.warmupMs / 1000} s warm-up`,
      head: ['server', 'clients', 'edits/s', 'p50', 'p95', 'p99', 'max', 'receipts expected', 'received', 'lost', 'server CPU %', 'server RSS MiB', 'loadgen CPU %', 'connect s'],
      rows: r.fanout.map((x) => [
        x.target,
        String(x.clients),
        String(x.ratePerSec),
        f(x.latencyMs.p50, 2),
        f(x.latencyMs.p95, 2),
        f(x.latencyMs.p99, 2),
        f(x.latencyMs.max, 2),
        String(x.receiptsExpected),
        String(x.receiptsReceived),
        x.lost === 0 ? '0' : `${x.lost} LOST`,
        f(x.server.cpuPercent, 0),
        f(x.server.peakRssMiB, 0),
        f(x.generatorCpuPercent, 0),
        f(x.connectMs / 1000, 1),
      ]),
      notes: [
        'CPU % is of one core, averaged over the measured window; RSS is the peak. The load generator runs in the bench process on the other core.',
        `lost = not received within ${r.options.drainMs / 1000} s after the window (a backlog that never caught up counts as lost).`,
      ],
    });
    for (const x of r.fanout) if (x.lost > 0) r.targetsMissed.push(`fan-out ${x.target} ${x.clients}×${x.ratePerSec}: ${x.lost} receipts lost`);
  }
  if (r.cold.length) {
    tables.push({
      title: `Cold load: first join after a restart, stock y-websocket client (ms; target < ${COLD_TARGET_MS})`,
      head: ['server', 'notes', 'authors', 'board KiB', 'runs', 'connect→synced p50', 'max', 'server load p50', 'max', 'warm join p50', 'verdict'],
      rows: r.cold.map((x) => [
        x.target,
        String(x.notes),
        String(x.authors),
        f(x.boardBytes / 1024, 0),
        String(x.runs),
        f(x.coldSyncMs.p50),
        f(x.coldSyncMs.max),
        f(x.serverLoadMs.p50),
        f(x.serverLoadMs.max),
        f(x.warmSyncMs.p50),
        x.coldSyncMs.p50 < COLD_TARGET_MS ? 'met' : 'MISSED',
      ]),
      notes: ['y-websocket and Hocuspocus keep nothing across a restart (no persistence configured), so cold load does not apply to them.'],
    });
    for (const x of r.cold) if (!(x.coldSyncMs.p50 < COLD_TARGET_MS)) r.targetsMissed.push(`cold load ${x.target}: p50 ${f(x.coldSyncMs.p50)} ms ≥ ${COLD_TARGET_MS} ms`);
  }
  if (r.durable.length) {
    tables.push({
      title: `Update throughput: writers flooding one room (target ≥ ${DURABLE_TARGET_PER_SEC} durable updates/s for Tavolo)`,
      head: ['server', 'persists', 'writers', 'seconds', 'sent', 'relayed/s', 'durable/s (after kill -9 + restart)', 'server CPU %', 'server RSS MiB', 'verdict'],
      rows: r.durable.map((x) => [
        x.target,
        x.persists,
        String(x.writers),
        f(x.seconds),
        String(x.sent),
        f(x.relayedPerSec, 0),
        x.durablePerSec === null ? 'n/a (nothing persisted)' : f(x.durablePerSec, 0),
        f(x.server.cpuPercent, 0),
        f(x.server.peakRssMiB, 0),
        x.durablePerSec === null ? '-' : x.durablePerSec >= DURABLE_TARGET_PER_SEC ? 'met' : 'MISSED',
      ]),
      notes: ['sent = edits handed to the sockets; relayed = edits the server had applied and relayed to an observer by the end; durable = edits found in the room after SIGKILL at the end and a restart.'],
    });
    for (const x of r.durable) {
      if (x.durablePerSec !== null && x.durablePerSec < DURABLE_TARGET_PER_SEC) r.targetsMissed.push(`durable updates ${x.target}: ${f(x.durablePerSec, 0)}/s < ${DURABLE_TARGET_PER_SEC}/s`);
    }
  }
  if (r.crash.length) {
    tables.push({
      title: 'Fault injection: SIGKILL at random moments under editing clients, restart on the same data',
      head: ['server', 'clients', 'rounds', 'updates relayed', 'lost', 'seconds', 'seed', 'verdict'],
      rows: r.crash.map((x) => [x.target, String(x.clients), String(x.rounds), String(x.relayed), String(x.lost), f(x.seconds, 0), String(x.seed), x.lost === 0 ? 'met' : 'MISSED']),
      notes: [
        'updates relayed = Yjs operations some client had received from another before each kill (new ones per round); lost = of those, missing after the restart, read by a fresh client before any writer reconnected. --crash-seed=N replays a run.',
      ],
    });
    for (const x of r.crash) if (x.lost > 0) r.targetsMissed.push(`fault injection ${x.target}: ${x.lost} relayed updates lost (seed ${x.seed})`);
  }
  for (const x of r.suggest) tables.push(suggestTable(x));
  return tables;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
