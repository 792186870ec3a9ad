/**
 * Runs one server under test as its own process on 127.0.0.1 and a free port,
 * the way test/helpers/server.ts starts Tavolo, but also exposes the pid so
 * the bench can read the server's CPU time and RSS from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export async function spawnServer(script: string, env: Record<string, string> = {}, cwd = repoRoot): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
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
