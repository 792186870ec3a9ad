/** The one logger. Quiet in tests unless LOG_LEVEL says otherwise. */
import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: undefined,
});
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
