/**
 * The y-websocket reference server as its 1.x package shipped it: one
 * `setupWSConnection` per socket, documents in memory only (YPERSISTENCE is
 * left unset, so nothing is written anywhere). The room id is the last path
 * segment, so clients use the same `/sync/:roomId` URL as for Tavolo.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer, type WebSocket } from 'ws';

// The 1.x server utilities are CommonJS without type declarations.
const require = createRequire(import.meta.url);
const { setupWSConnection } = require('y-websocket-v1/bin/utils') as {
  setupWSConnection: (ws: WebSocket, req: http.IncomingMessage, opts: { docName: string; gc?: boolean }) => void;
};

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

server.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const docName = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});

server.listen(port, host, () => {
  const addr = server.address();
  console.log(`y-websocket is running on http://localhost:${typeof addr === 'object' && addr ? addr.port : port}`);
});
process.on('SIGTERM', () => process.exit(0));
