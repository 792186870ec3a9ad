/**
 * Which web pages may drive this server from a browser: the websocket
 * upgrade and every state-changing HTTP request must come from an allowed
 * Origin. Requests without one (scripts, tests, non-browser clients) carry
 * no ambient credentials worth stealing and stay allowed; `Origin: null`
 * (sandboxed frames, file: pages) does not.
 */
import type { IncomingMessage } from 'node:http';

export interface OriginPolicy {
  /** Configured origins (ALLOWED_ORIGINS), always in addition to our own. */
  allowed: readonly string[];
  /** PUBLIC_URL: our own origin when set; otherwise the Host header is. */
  publicUrl: string | null;
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export function originAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const o = originOf(origin);
  if (!o || o === 'null') return false;
  if (policy.allowed.some((a) => originOf(a) === o)) return true;
  if (policy.publicUrl) return originOf(policy.publicUrl) === o;
  // Our own origin: the page was served from the host this request is addressed to.
  const host = req.headers.host;
  return host !== undefined && originOf(`${new URL(o).protocol}//${host}`) === o;
}
