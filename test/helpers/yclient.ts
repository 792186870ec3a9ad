/** Stock y-websocket clients against the real server, as a browser would connect. */
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { ClientControl, ServerControl, encodeControl, messageControl, readControlPayload } from '../../shared/control';
import { identify, type Credentials, type RoomAccess, type RunningServer } from './server';
import { waitFor } from './waitFor';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Tavolo control messages received (refusals, welcome, readiness…). */
  controls: ServerControl[];
  /** Sends a control message once the socket is open. */
  control(msg: ClientControl): Promise<void>;
  /** Close events seen by this client's socket, most recent last. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/**
 * A stock y-websocket client. `as` gives its credentials (token and
 * identity); without them it connects with none, as a stranger would.
 * `docName` picks another document of the room (its drafts).
 */
export function connectClient(
  server: RunningServer,
  roomId: string,
  { as, doc = new Y.Doc(), docName = roomId }: { as?: Credentials; doc?: Y.Doc; docName?: string } = {},
): TestClient {
  // This client reads Tavolo's control messages, so it asks for them from the first frame on.
  const params: Record<string, string> = { control: '1' };
  if (as) params.token = as.token;
  if (as?.identityToken) params.identity = as.identityToken;
  const provider = new WebsocketProvider(`${server.wsUrl}/sync`, docName, doc, {
    params,
    // Node 20 has no global WebSocket; `ws` is API-compatible.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const closes: TestClient['closes'] = [];
  const controls: ServerControl[] = [];
  // Stock y-websocket ignores message types it does not know; ours are registered like its own.
  provider.messageHandlers[messageControl] = (_encoder, decoder) => {
    const parsed = ServerControl.safeParse(readControlPayload(decoder));
    if (parsed.success) controls.push(parsed.data);
  };
  // A failing assertion must not leave the socket open and the room loaded.
  onTestFinished(() => provider.destroy());
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    controls,
    async control(msg) {
      await waitFor(() => provider.ws?.readyState === 1, { message: 'socket open' });
      provider.ws!.send(encodeControl(msg));
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Joins a room with a fresh identity of the given role (facilitator by default) and waits for sync. */
export async function joinRoom(
  server: RunningServer,
  room: RoomAccess,
  opts: { role?: Credentials['role']; as?: Credentials; docName?: string } = {},
): Promise<TestClient & { creds: Credentials }> {
  const creds = opts.as ?? (await identify(server, room, opts.role ?? 'facilitator'));
  const client = connectClient(server, room.roomId, { as: creds, docName: opts.docName });
  await waitFor(() => client.provider.synced, { message: `client synced to ${room.roomId}` });
  return Object.assign(client, { creds });
}

/** Canonical JSON of a doc (keys sorted), for comparing two replicas. */
export function contentOf(doc: Y.Doc): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(doc.toJSON()));
}
