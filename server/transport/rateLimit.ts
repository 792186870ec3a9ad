/**
 * A fixed-window limit per client address, for endpoints that create
 * things (rooms). In memory, or with several processes counted in Redis
 * (`shared`), falling back to memory while Redis does not answer.
 */
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './httpErrors';
import type { SharedCounter } from '../relay/redisCounter';

export function rateLimit({ max, windowMs, shared, name = 'limit' }: { max: number; windowMs: number; shared?: SharedCounter; name?: string }) {
  const hits = new Map<string, { count: number; since: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [addr, h] of hits) if (now - h.since > windowMs) hits.delete(addr);
  }, windowMs);
  sweep.unref();
  const local = (addr: string): { count: number; resetInMs: number } => {
    const now = Date.now();
    let h = hits.get(addr);
    if (!h || now - h.since > windowMs) hits.set(addr, (h = { count: 0, since: now }));
    h.count++;
    return { count: h.count, resetInMs: h.since + windowMs - now };
  };
  const decide = (res: Response, next: NextFunction, { count, resetInMs }: { count: number; resetInMs: number }): void => {
    if (count > max) {
      res.setHeader('Retry-After', String(Math.ceil(resetInMs / 1000)));
      return sendError(res, 429, 'rate_limited', 'Too many workshops created from this address; try again later');
    }
    next();
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    // req.ip honours TRUST_PROXY, so clients behind one reverse proxy are told apart.
    const addr = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (!shared) return decide(res, next, local(addr));
    shared.hit(`${name}:${addr}`, windowMs).then(
      (counted) => decide(res, next, counted),
      () => decide(res, next, local(addr)),
    );
  };
}
