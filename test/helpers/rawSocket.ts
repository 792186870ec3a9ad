/** A bare websocket for sending frames no well-behaved client would send. */
import net from 'node:net';
import WebSocket from 'ws';
import type { RunningServer } from './server';

export interface RawSocket {
  ws: WebSocket;
  /** Binary frames received so far. */
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `/sync/<docName>` with the given query credentials (none by default). */
export async function openRaw(
  server: RunningServer,
  docName: string,
  token?: string,
  identity?: string,
  { params = {}, headers = {} }: { params?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<RawSocket> {
  const q = new URLSearchParams(params);
  if (token) q.set('token', token);
  if (identity) q.set('identity', identity);
  const ws = new WebSocket(`${server.wsUrl}/sync/${docName}?${q}`, { headers });
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

export interface RawAnswer {
  /** The HTTP status the server answered with, null if none came before the socket ended. */
  status: number | null;
  /** After a 101: the websocket close code the server sent. */
  closeCode: number | null;
  /** After a 101: the server sent data first (the request carried valid credentials). */
  admitted: boolean;
  /** The response head, for failure messages. */
  head: string;
}

/**
 * Sends one raw HTTP request (bytes as given, no client-side checks) over
 * node:net and reads the answer: an HTTP status and, after a 101 switch,
 * the first websocket close frame. Resolves once the answer is known or
 * the server ends the socket; rejects when neither happens in time.
 */
export function rawRequest(server: RunningServer, request: string | Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | null, answer?: RawAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    const parse = (ended: boolean): void => {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (ended) finish(null, { status: null, closeCode: null, admitted: false, head: buf.toString('latin1') });
        return;
      }
      const head = buf.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN);
      if (Number.isNaN(status)) return finish(new Error(`not an HTTP answer: ${JSON.stringify(head.slice(0, 200))}`));
      if (status !== 101) return finish(null, { status, closeCode: null, admitted: false, head });
      // Server frames are unmasked; walk them until a close frame.
      let at = end + 4;
      while (at + 2 <= buf.length) {
        const opcode = buf[at]! & 0x0f;
        let len = buf[at + 1]! & 0x7f;
        let payload = at + 2;
        if (len === 126) {
          if (at + 4 > buf.length) break;
          len = buf.readUInt16BE(at + 2);
          payload = at + 4;
        } else if (len === 127) {
          if (at + 10 > buf.length) break;
          len = Number(buf.readBigUInt64BE(at + 2));
          payload = at + 10;
        }
        if (payload + len > buf.length) break;
        if (opcode === 0x8) return finish(null, { status, closeCode: len >= 2 ? buf.readUInt16BE(payload) : 1005, admitted: false, head });
        return finish(null, { status, closeCode: null, admitted: true, head });
        at = payload + len;
      }
      if (ended) finish(null, { status, closeCode: null, admitted: false, head });
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(buf.toString('latin1').slice(0, 200))}`)), timeoutMs);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      parse(false);
    });
    socket.on('end', () => parse(true));
    socket.on('close', () => parse(true));
    socket.on('error', () => parse(true));
    socket.write(request);
  });
}

/** A well-formed websocket upgrade request for `path`, with extra or replaced headers. */
export function upgradeRequest(path: string, headers: Record<string, string | null> = {}): string {
  const base: Record<string, string | null> = {
    Host: 'localhost',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  const lines = Object.entries(base)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}: ${v}`);
  return `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
