/**
 * Fault injection (Tavolo only): clients edit one room while the server is
 * SIGKILLed at random moments and restarted on the same data, round after
 * round; after each restart, whatever any client had been relayed must still
 * be there (test/helpers/crashRounds.ts). Prints rounds, updates relayed and
 * lost; anything lost is a missed target.
 */
import type { BenchOptions } from '../options';
import type { RunningTarget, Target } from '../servers/targets';
import { runCrashRounds, type CrashServer } from '../../test/helpers/crashRounds';

export interface CrashResult {
  target: string;
  seed: number;
  rounds: number;
  clients: number;
  relayed: number;
  lost: number;
  seconds: number;
}

export async function runCrash(target: Target, opts: BenchOptions, say: (msg: string) => void): Promise<CrashResult> {
  const running = new Map<CrashServer, RunningTarget>();
  const seed = opts.crashSeed ?? Math.floor(Math.random() * 2 ** 31);
  const started = performance.now();
  const result = await runCrashRounds(
    {
      async start({ dataDir, port }) {
        const r = await target.start({ dataDir, env: port ? { PORT: String(port) } : {} });
        const handle: CrashServer = { port: r.server.port, dataDir: r.dataDir!, kill: () => r.server.kill() };
        running.set(handle, r);
        return handle;
      },
      createRoom: (server) => running.get(server)!.createRoom('bench crash'),
      connection: (server, roomId) => running.get(server)!.providerArgs(roomId),
    },
    { rounds: opts.crashRounds, clients: opts.crashClients, editEveryMs: 100, minUpMs: 300, maxUpMs: 2000, seed, say: (m) => say(`  ${m}`) },
  );
  return {
    target: target.label,
    seed,
    rounds: result.rounds.length,
    clients: opts.crashClients,
    relayed: result.relayed,
    lost: result.lost,
    seconds: (performance.now() - started) / 1000,
  };
}
