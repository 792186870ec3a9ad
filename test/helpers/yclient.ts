/** Stock y-websocket clients against the real server, as a browser would connect. */
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { RunningServer } from './server';
import { waitFor } from './waitFor';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events seen by this client's socket, most recent last. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

export function connectClient(server: RunningServer, roomId: string, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(`${server.wsUrl}/sync`, roomId, doc, {
    // Node 20 has no global WebSocket; `ws` is API-compatible.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const closes: TestClient['closes'] = [];
  // A failing assertion must not leave the socket open and the room loaded.
  onTestFinished(() => provider.destroy());
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function connectSynced(server: RunningServer, roomId: string, doc?: Y.Doc): Promise<TestClient> {
  const client = connectClient(server, roomId, doc);
  await waitFor(() => client.provider.synced, { message: `client synced to ${roomId}` });
  return client;
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
