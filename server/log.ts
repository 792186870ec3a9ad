/** The one logger. Quiet in tests unless LOG_LEVEL says otherwise. */
import pino from 'pino';

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: undefined,
});
export type Logger = typeof log;
