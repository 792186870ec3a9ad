/**
 * nginx in front of several Tavolo processes, configured by the checked-in
 * deploy/nginx.conf itself: only its upstream ports, its listen port and its
 * file paths (pid, temp directories) are replaced, so a test or bench run
 * through it checks the configuration the README hands to operators. Runs
 * in the foreground as a child process, from a temporary prefix directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const NGINX_BIN = '/usr/sbin/nginx';
export const NGINX_CONF = path.join(repoRoot, 'deploy/nginx.conf');
const START_TIMEOUT_MS = 10_000;

export interface RunningNginx {
  /** The master process; its workers do the relaying. */
  pid: number;
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** Worker pids, read from /proc (their CPU is the proxy's cost). */
  workerPids(): number[];
  stop(): Promise<void>;
  output(): string;
}

/** Why nginx cannot run here, or null when it can. */
export const nginxMissing = (): string | null => (fs.existsSync(NGINX_BIN) ? null : `${NGINX_BIN} is not installed (Debian: apt-get install nginx)`);

/**
 * deploy/nginx.conf with the upstream servers pointed at `upstreamPorts` (as
 * many as the file lists), the listen port at `port` on 127.0.0.1, and its
 * pid and temp paths in `dir`. Throws when the file no longer has the shape
 * these replacements expect, so a change to it cannot go unchecked.
 */
export function nginxConfig(source: string, upstreamPorts: number[], port: number, dir: string): string {
  const replace = (re: RegExp, what: string, count: number, by: (n: number) => string): void => {
    const found = source.match(new RegExp(re.source, 'gm'))?.length ?? 0;
    if (found !== count) throw new Error(`deploy/nginx.conf: expected ${count} ${what}, found ${found}`);
    let n = 0;
    source = source.replace(new RegExp(re.source, 'gm'), () => by(n++));
  };
  replace(/^(\s*)server 127\.0\.0\.1:\d+/, 'upstream servers', upstreamPorts.length, (n) => `    server 127.0.0.1:${upstreamPorts[n]}`);
  replace(/^\s*listen \d+;/, 'listen directive', 1, () => `    listen 127.0.0.1:${port};`);
  replace(/^pid \S+;/, 'pid directive', 1, () => `pid ${path.join(dir, 'nginx.pid')};`);
  replace(/^\s*client_body_temp_path \S+;/, 'client_body_temp_path', 1, () => `  client_body_temp_path ${path.join(dir, 'body')};`);
  replace(/^\s*proxy_temp_path \S+;/, 'proxy_temp_path', 1, () => `  proxy_temp_path ${path.join(dir, 'proxy')};`);
  return source;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export async function startNginx(upstreamPorts: number[]): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-bench-nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(fs.readFileSync(NGINX_CONF, 'utf8'), upstreamPorts, port, dir));
  // -e: the compiled-in error log (/var/log/nginx) is opened before the configuration is read.
  const child = spawn(NGINX_BIN, ['-p', dir, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  const httpUrl = `http://127.0.0.1:${port}`;

  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${out}`);
    const res = await fetch(`${httpUrl}/healthz`).catch(() => null);
    if (res?.status === 200) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer /healthz through ${httpUrl}:\n${out}`);
    }
    await sleep(50);
  }
  const workerPids = (): number[] => {
    try {
      return fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  return {
    pid: child.pid!,
    port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}`,
    workerPids,
    async stop() {
      // SIGTERM is nginx's fast shutdown: open websockets are closed at once (a graceful SIGQUIT waits for them).
      const workers = workerPids();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      for (const pid of child.exitCode === null && child.signalCode === null ? [...workers, child.pid!] : []) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
    output: () => out,
  };
}
