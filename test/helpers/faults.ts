/**
 * Real storage faults for a running server process, no hooks in the server:
 * RLIMIT_FSIZE set from outside with prlimit(1) makes every write to a
 * regular file fail (EFBIG, which SQLite reports as a disk I/O error) as a
 * full disk would, while the log pipe keeps working. Node ignores SIGXFSZ,
 * so the process lives on. Lifting the limit is the disk being freed.
 */
import { execFileSync } from 'node:child_process';
import type { RunningServer } from './server';

export function failWrites(server: RunningServer): void {
  execFileSync('prlimit', ['--pid', String(server.pid), '--fsize=0:unlimited']);
}

export function allowWrites(server: RunningServer): void {
  execFileSync('prlimit', ['--pid', String(server.pid), '--fsize=unlimited:unlimited']);
}
