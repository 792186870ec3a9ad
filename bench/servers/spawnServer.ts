/**
 * Runs one server under test as its own process on 127.0.0.1 and a free port,
 * the way test/helpers/server.ts starts Tavolo, but also exposes the pid so
 * the bench can read the server's CPU time and RSS from /proc. Each server's
 * TypeScript entry is bundled first (scripts/build-server.mjs) and run as
 * plain JavaScript, as `npm start` runs Tavolo and as the y-websocket server
 * and Hocuspocus run in production: no server pays for a TypeScript loader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ENTRIES, bundleServer } from '../../scripts/build-server.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Once it listens, Tavolo logs the JSON line `{"msg":"listening","port":…}`;
 * the other servers (and Tavolo before its logs were JSON only, for
 * --tavolo-ref) print "<Name> is running on http://localhost:PORT".
 */
const LISTENING = /running on http:\/\/localhost:(\d+)|"msg":"listening"[^\n]*?"port":(\d+)|"port":(\d+)[^\n]*?"msg":"listening"/;
const START_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  pid: number;
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** SIGTERM and wait for exit (Tavolo flushes and compacts its rooms). */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: only what already reached SQLite survives. */
  kill(): Promise<void>;
  output(): string;
}

/** Servers still running, killed if the bench itself exits early. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Extra node flags for every server under test, for profiling a scenario:
 * `BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`. Servers are then
 * stopped with SIGTERM instead of SIGKILL at the end, so the profile is written.
 */
/** `BENCH_SERVER_LOG_DIR=dir` keeps each server's output in `dir/<name>-<pid>.log`. */
const SERVER_LOG_DIR = process.env.BENCH_SERVER_LOG_DIR ?? '';
export const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);

const bundles = new Map<string, Promise<string>>();

/** The bundled module for a TypeScript entry under `cwd`, built once per bench run. */
function bundled(script: string, cwd: string): Promise<string> {
  const key = `${cwd}\0${script}`;
  let out = bundles.get(key);
  if (!out) {
    // Tavolo's server goes with its suggestions worker (where the revision has one), as build/server.
    const isTavolo = script === 'server/main.ts';
    const entries = isTavolo ? SERVER_ENTRIES.filter((e) => fs.existsSync(path.join(cwd, e))) : [script];
    out = bundleServer({ root: cwd, outdir: isTavolo ? 'build/server' : 'build/bench', entries }).then((dir) =>
      path.join(dir, `${path.basename(script, '.ts')}.mjs`),
    );
    bundles.set(key, out);
  }
  return out;
}

export async function spawnServer(script: string, env: Record<string, string> = {}, cwd = repoRoot): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_FLAGS, '--enable-source-maps', await bundled(script, cwd)], {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  if (SERVER_LOG_DIR) {
    // Everything the server printed (refusals, closed connections), for a run that lost something.
    const file = fs.createWriteStream(path.join(SERVER_LOG_DIR, `${path.basename(script, '.ts')}-${child.pid}.log`));
    child.stdout.pipe(file);
    child.stderr.pipe(file);
  }
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in time:\n${out}`)), START_TIMEOUT_MS);
    const onData = (): void => {
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(Number(m[1] ?? m[2] ?? m[3]));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${out}`));
    });
  });

  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    pid: child.pid!,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    output: () => out,
  };
}
