/** A bare websocket for sending frames no well-behaved client would send. */
import WebSocket from 'ws';
import type { RunningServer } from './server';

export interface RawSocket {
  ws: WebSocket;
  /** Binary frames received so far. */
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `/sync/<docName>` with the given query credentials (none by default). */
export async function openRaw(server: RunningServer, docName: string, token?: string, identity?: string): Promise<RawSocket> {
  const q = new URLSearchParams();
  if (token) q.set('token', token);
  if (identity) q.set('identity', identity);
  const ws = new WebSocket(`${server.wsUrl}/sync/${docName}?${q}`);
  const frames: Uint8Array[] = [];
  ws.on('message', (d: Buffer) => frames.push(new Uint8Array(d)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return { ws, frames, closed };
}
