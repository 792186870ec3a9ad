/**
 * Who is on the other end, behind the proxies we trust. HTTP requests get it
 * from express's `trust proxy` (req.ip); websocket upgrades never pass
 * through express, so they walk X-Forwarded-For here with the same compiled
 * trust function, as proxy-addr does: from the socket's address backwards,
 * stopping at the first address that is not a trusted proxy.
 */
import type { IncomingMessage } from 'node:http';

/** express's compiled `trust proxy fn`: is the address at this hop a proxy we trust? */
export type TrustFn = (addr: string, hop: number) => boolean;

export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const addrs = [req.socket.remoteAddress ?? 'unknown', ...forwarded];
  for (let hop = 0; hop < addrs.length - 1; hop++) if (!trust(addrs[hop]!, hop)) return addrs[hop]!;
  return addrs[addrs.length - 1]!;
}
