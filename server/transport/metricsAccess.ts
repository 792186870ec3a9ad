/**
 * Who may read /metrics. It tells how many workshops and people are online,
 * so it is closed by default: with METRICS_TOKEN set, a scraper sends it as
 * a bearer token; without, only a process on this machine may read it,
 * connecting directly (a request that came through a proxy carries
 * X-Forwarded-For and is refused, even though the proxy's socket is local).
 */
import crypto from 'node:crypto';
import type { Request } from 'express';

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function metricsAllowed(req: Request, token: string | null): boolean {
  if (token) {
    const h = req.get('authorization');
    const presented = Buffer.from(h?.startsWith('Bearer ') ? h.slice(7).trim() : '');
    const expected = Buffer.from(token);
    return presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
  }
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.get('x-forwarded-for') === undefined && req.get('forwarded') === undefined;
}
