/**
 * A fixed-window limit per client address, for endpoints that create
 * things (rooms). Small and in-memory: a multi-process deployment puts a
 * shared limiter in front instead.
 */
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './httpErrors';

export function rateLimit({ max, windowMs }: { max: number; windowMs: number }) {
  const hits = new Map<string, { count: number; since: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [addr, h] of hits) if (now - h.since > windowMs) hits.delete(addr);
  }, windowMs);
  sweep.unref();
  return (req: Request, res: Response, next: NextFunction): void => {
    // req.ip honours TRUST_PROXY, so clients behind one reverse proxy are told apart.
    const addr = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    let h = hits.get(addr);
    if (!h || now - h.since > windowMs) hits.set(addr, (h = { count: 0, since: now }));
    h.count++;
    if (h.count > max) {
      res.setHeader('Retry-After', String(Math.ceil((h.since + windowMs - now) / 1000)));
      return sendError(res, 429, 'rate_limited', 'Too many workshops created from this address; try again later');
    }
    next();
  };
}
