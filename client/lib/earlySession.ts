/**
 * The board's live session, opened as the app's script starts
 * (startIdentityRequest.ts) as soon as this page's access is known, so the
 * socket's handshake and the board's download run while React evaluates and
 * renders the screen rather than after. On a 2,000-note board that was the
 * socket opening 100-250 ms later than it could.
 *
 * useSyncedDoc adopts it when it asks for the same document with the same
 * link, identity and clock (the screen takes this session's clock through
 * `clockFor`); a different ask for the same document closes it, and one
 * nobody claims closes after a while. Its control channel, like every
 * session's, says hello only once the screen has subscribed
 * (ControlChannel.release), so nothing the server greets with is missed.
 */
import type { RoomAccess } from './access';
import { ServerClock } from './controlChannel';
import { SyncSession, syncParams, syncUrl, type SyncSessionOptions } from './syncSession';

/** A session nobody has claimed by then is not going to be: the page went elsewhere. */
const UNCLAIMED_MS = 15_000;

interface EarlySession {
  session: SyncSession;
  timer: ReturnType<typeof setTimeout>;
}

let early: EarlySession | null = null;

/** The device's copy of a room's board (IndexedDB). */
export const boardStoreName = (roomId: string): string => `tavolo-${roomId}`;

/** Opens the board of `roomId` for this access, as the room screen will (Board.tsx). */
export function openEarlySession(roomId: string, present: boolean, access: Pick<RoomAccess, 'token' | 'identityToken'>): void {
  early?.session.destroy();
  const session = new SyncSession({
    url: syncUrl(),
    name: roomId,
    storeName: boardStoreName(roomId),
    params: syncParams(access.token, access.identityToken),
    clock: new ServerClock(),
    undo: !present,
  });
  const timer = setTimeout(() => {
    if (early?.session !== session) return;
    early = null;
    session.destroy();
  }, UNCLAIMED_MS);
  early = { session, timer };
}

/** The clock the room's screen shares with its early session, or a new one. */
export function clockFor(roomId: string): ServerClock {
  return early?.session.opts.name === roomId ? early.session.opts.clock : new ServerClock();
}

const sameParams = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Hands over the early session of this document when it was opened with these options; closes it when not. */
export function takeEarlySession(opts: SyncSessionOptions): SyncSession | null {
  const e = early;
  if (!e || e.session.opts.name !== opts.name) return null;
  early = null;
  clearTimeout(e.timer);
  const o = e.session.opts;
  if (o.url === opts.url && o.storeName === opts.storeName && o.clock === opts.clock && o.undo === opts.undo && sameParams(o.params, opts.params)) return e.session;
  e.session.destroy();
  return null;
}
