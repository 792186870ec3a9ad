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
import { runJoinStorm, type JoinStormResult } from './scenarios/joinstorm';
import { runManyRooms, type ManyRoomsResult } from './scenarios/manyRooms';
import { runMemory, type MemoryResult } from './scenarios/memory';
import { multiProcessMisses, multiProcessTable, runMultiProcess, type MultiProcessResult } from './scenarios/multiprocess';
import { renderMisses, renderTable, runRender, type RenderResult } from './scenarios/render';
import { runSaturation, SATURATION_P99_MS, type SaturationResult } from './scenarios/saturation';
import { runSuggest, suggestTable, WORKSHOP_NAMES, type SuggestResult } from './scenarios/suggest';
import { fanoutTable, manyRoomsTable, saturationTable } from './report/loadTables';
import { round } from './report/stats';
import { toMarkdown, toText, type Table } from './report/table';
import { repoRoot } from './servers/spawnServer';
import { tavoloSource, useTavoloRef } from './servers/targets';

/** Targets from the brief. */
const COLD_TARGET_MS = 150;
const DURABLE_TARGET_PER_SEC = 5000;
/** Join storm: the edits of the people already in the room stay live meanwhile. */
const STORM_FANOUT_P99_TARGET_MS = 100;


interface Results {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string };
  tavolo: string;
  options: Omit<BenchOptions, 'targets'> & { targets: string[] };
  fanout: FanoutResult[];
  saturation: SaturationResult[];
  manyRooms: ManyRoomsResult[];
  cold: ColdResult[];
  durable: DurableResult[];
  crash: CrashResult[];
  joinStorm: JoinStormResult[];
  memory: MemoryResult[];
  suggest: SuggestResult[];
  multiProcess?: MultiProcessResult;
  render?: RenderResult;
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
    saturation: [],
    manyRooms: [],
    cold: [],
    durable: [],
    crash: [],
    joinStorm: [],
    memory: [],
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
  if (opts.scenarios.includes('saturation')) {
    for (const target of opts.targets) {
      const c = opts.saturation;
      say(`saturation: ${c.clients} clients in one room, rate rising through ${c.rates.join(', ')} edits/s until p99 ≥ ${SATURATION_P99_MS} ms → ${target.label}`);
      const r = await runSaturation(target, opts, say);
      results.saturation.push(r);
      say(`  sustained ${r.sustainedPerSec} edits/s`);
    }
  }
  if (opts.scenarios.includes('rooms')) {
    for (const target of opts.targets) {
      const c = opts.manyRooms;
      say(`many rooms: ${c.rooms} rooms × ${c.clientsPerRoom} clients, ${c.ratePerSec} edits/s in all → ${target.label}`);
      const r = await runManyRooms(target, opts);
      results.manyRooms.push(r);
      say(`  p99 ${f(r.latencyMs.p99)} ms, lost ${r.lost}, peak RSS ${f(r.server.peakRssMiB, 0)} MiB`);
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

  if (opts.scenarios.includes('joinstorm')) {
    const c = opts.joinStorm;
    for (const target of opts.targets) {
      say(`join storm: ${c.joiners} clients join a ${c.boardNotes}-note room at once while ${c.inRoom} edit at ${c.ratePerSec}/s → ${target.label}`);
      const r = await runJoinStorm(target, opts);
      results.joinStorm.push(r);
      say(`  ${r.synced}/${r.joiners} synced, last after ${f(r.lastSyncedMs, 0)} ms; in-room fan-out p99 ${f(r.fanoutMs.p99)} ms, lost ${r.lost}`);
    }
  }

  if (opts.scenarios.includes('memory')) {
    for (const target of opts.targets) {
      say(`memory: ${opts.memoryClients} idle clients in one room → ${target.label}`);
      const r = await runMemory(target, opts);
      results.memory.push(r);
      say(`  idle ${f(r.idleRssMiB, 0)} MiB, connected ${f(r.connectedRssMiB, 0)} MiB, ${f(r.perClientKiB)} KiB per client`);
    }
  }

  if (opts.scenarios.includes('multiprocess') && opts.targets.some((t) => t.name === 'tavolo')) {
    const c = opts.multiProcess;
    say(`several processes: ${c.clients} clients × ${c.ratePerSec} edits/s in one room, 3 processes on PostgreSQL + Redis behind nginx vs 1 process`);
    const r = await runMultiProcess(c, opts, say);
    results.multiProcess = r;
    if (r.skipped) say(`  skipped: ${r.skipped}`);
  }

  if (opts.scenarios.includes('suggest')) {
    for (const workshop of WORKSHOP_NAMES) {
      say(`suggested scenarios: labelled workshop ${workshop} (bench/data/) and a 2,000-note board from it`);
      const r = runSuggest(workshop);
      results.suggest.push(r);
      const g = r.groups;
      const t = r.trigramBaseline.groups;
      const one = r.oneGroupBaseline.groups;
      say(`  groups P/R/F1 ${f(g.precision, 2)}/${f(g.recall, 2)}/${f(g.f1, 2)}; trigram baseline ${f(t.precision, 2)}/${f(t.recall, 2)}/${f(t.f1, 2)}; one group ${f(one.precision, 2)}/${f(one.recall, 2)}/${f(one.f1, 2)}`);
      say(`  duplicates P ${f(r.duplicates.precision, 2)} R ${f(r.duplicates.recall, 2)}; 2,000 notes p50 ${f(r.large.ms.p50, 0)} ms wall, ${f(r.large.cpuMs.p50, 0)} ms CPU`);
    }
  }

  if (opts.scenarios.includes('render')) {
    say(`client rendering: ${opts.renderNotes} notes in ${opts.renderScenarios} scenarios in headless Chromium, ${opts.renderRuns} page load(s)`);
    results.render = await runRender(opts, say);
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
  if (r.fanout.length) tables.push(fanoutTable(r.fanout, r.options, r.targetsMissed));
  if (r.saturation.length) tables.push(saturationTable(r.saturation));
  if (r.manyRooms.length) tables.push(manyRoomsTable(r.manyRooms, r.targetsMissed));
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
  if (r.joinStorm.length) {
    const tavolo = r.joinStorm.find((x) => x.target.startsWith('Tavolo'));
    const ratio = (x: JoinStormResult, v: (y: JoinStormResult) => number): string =>
      tavolo && x !== tavolo && v(x) > 0 ? `${f(v(tavolo) / v(x), 2)}×` : '-';
    tables.push({
      title: `Join storm: fresh clients joining one room at once, while the people in it keep editing (fan-out p99 target < ${STORM_FANOUT_P99_TARGET_MS} ms)`,
      head: ['server', 'board notes', 'in room', 'edits/s', 'joiners', 'synced', 'last synced ms', 'Tavolo ÷ this', 'fan-out p50', 'p99', 'Tavolo ÷ this', 'max', 'lost', 'server CPU %', 'server RSS MiB', 'server loop delay p99 / max ms', 'verdict'],
      rows: r.joinStorm.map((x) => [
        x.target,
        String(x.boardNotes),
        String(x.inRoom),
        String(x.ratePerSec),
        String(x.joiners),
        String(x.synced),
        f(x.lastSyncedMs, 0),
        ratio(x, (y) => y.lastSyncedMs),
        f(x.fanoutMs.p50, 1),
        f(x.fanoutMs.p99, 1),
        ratio(x, (y) => y.fanoutMs.p99),
        f(x.fanoutMs.max, 1),
        String(x.lost),
        f(x.server.cpuPercent, 0),
        f(x.server.peakRssMiB, 0),
        x.serverLoopDelayMs ? `${f(x.serverLoopDelayMs.p99, 0)} / ${f(x.serverLoopDelayMs.max, 0)}` : '-',
        x.synced === x.joiners && x.lost === 0 && x.fanoutMs.p99 < STORM_FANOUT_P99_TARGET_MS ? 'met' : 'MISSED',
      ]),
      notes: [
        'Joiners are fresh documents (a browser opening the link), all sockets opened at the same moment; "last synced" runs from then to the last sync step 2. Fan-out is measured on the in-room edits over the whole window the storm falls into.',
        'Tavolo ÷ this: below 1 means Tavolo is faster by that factor.',
        "Server loop delay: the longest the server's event loop was held over the window (Tavolo's /metrics); fan-out beyond it was spent outside the server, in the load generator or the kernel.",
      ],
    });
    for (const x of r.joinStorm) {
      if (x.target.startsWith('Tavolo') && !(x.synced === x.joiners && x.lost === 0 && x.fanoutMs.p99 < STORM_FANOUT_P99_TARGET_MS)) {
        r.targetsMissed.push(`join storm ${x.target}: ${x.synced}/${x.joiners} synced, ${x.lost} lost, fan-out p99 ${f(x.fanoutMs.p99)} ms`);
      }
    }
  }
  if (r.memory.length) {
    const anchors = r.memory.filter((x) => !x.target.startsWith('Tavolo') && x.perClientKiB !== null);
    const lowestAnchor = anchors.length ? Math.min(...anchors.map((x) => x.perClientKiB!)) : null;
    tables.push({
      title: 'Memory: server RSS with one empty room, then with idle clients connected and synced (target: per client at or below both anchors)',
      head: ['server', 'clients', 'idle RSS MiB', 'connected RSS MiB', 'per client KiB', 'verdict'],
      rows: r.memory.map((x) => [
        x.target,
        String(x.clients),
        f(x.idleRssMiB, 0),
        f(x.connectedRssMiB, 0),
        f(x.perClientKiB),
        !x.target.startsWith('Tavolo') || lowestAnchor === null || x.perClientKiB === null ? '-' : x.perClientKiB <= lowestAnchor ? 'met' : 'MISSED',
      ]),
      notes: ['Idle RSS is the process itself (runtime, libraries, and for Tavolo the SQLite engine and its caches), paid once per process, not per person.'],
    });
    for (const x of r.memory) {
      if (x.target.startsWith('Tavolo') && lowestAnchor !== null && x.perClientKiB !== null && x.perClientKiB > lowestAnchor) {
        r.targetsMissed.push(`memory ${x.target}: ${f(x.perClientKiB)} KiB per client > ${f(lowestAnchor)} KiB`);
      }
    }
  }
  for (const x of r.suggest) tables.push(suggestTable(x));
  if (r.multiProcess) {
    tables.push(multiProcessTable(r.multiProcess, r.options));
    r.targetsMissed.push(...multiProcessMisses(r.multiProcess));
  }
  if (r.render) {
    tables.push(renderTable(r.render));
    r.targetsMissed.push(...renderMisses(r.render));
  }
  return tables;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
