/** The one logger: JSON lines on stdout. Quiet in tests unless LOG_LEVEL says otherwise. */
import pino from 'pino';

// Asynchronous, so a slow log reader never blocks the event loop.
const destination = pino.destination({ dest: 1, sync: false });

export const log = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    base: undefined,
  },
  destination,
);
export type Logger = typeof log;

/**
 * Writes out what the log still holds, waiting at most `timeoutMs`. Then
 * stops writing for good: pino's own exit hook flushes synchronously and
 * retries a failed write (EPIPE from a reader that has gone away, EAGAIN
 * from one that stopped reading) forever, so the process would never exit.
 */
export async function flushLog(timeoutMs: number): Promise<void> {
  // sonic-boom's flush(cb) answers at once when minLength is 0 (ours), even
  // with a write in flight; 'drain' is what says everything was written.
  // `_writing` is its own flag for that in-flight write (no public getter).
  if ((destination as unknown as { _writing?: boolean })._writing) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        destination.off('drain', done);
        destination.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      destination.once('drain', done);
      destination.once('error', done);
    });
  }
  destination.flushSync = () => {};
  destination.write = () => true;
}
