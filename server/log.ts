/** The one logger: JSON lines on stdout. Quiet in tests unless LOG_LEVEL says otherwise. */
import type { NextFunction, Request, Response } from 'express';
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
 * The path as it may be logged: never a query string (sync URLs carry link
 * tokens and identities there) and never a join code, which lets anyone in.
 */
export const loggablePath = (path: string): string =>
  path.replace(/^\/j\/[^/]+/, '/j/:code').replace(/^\/api\/join\/[^/]+/, '/api/join/:code');

/** One line per HTTP request once answered: method, path, status, time, client address. */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.on('finish', () => {
      logger.info(
        { method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(performance.now() - started), addr: req.ip },
        'request',
      );
    });
    next();
  };
}

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
