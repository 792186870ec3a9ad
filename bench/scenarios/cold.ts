/**
 * Cold load (Tavolo only; the others keep nothing across a restart): a room
 * of N notes with text is written through the server, the server restarts
 * on the same data, and a stock y-websocket client times connect → synced
 * (board applied) on the first join, which loads the room from SQLite. The
 * server's own load time comes from its `room loaded` log line. A second
 * join, to the now loaded room, shows the warm path.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { makeNoteUpdates } from '../load/board';
import { notesOf } from '../../shared/schema';
import type { BenchOptions } from '../options';
import { summarize, type LatencySummary } from '../report/stats';
import type { RunningTarget, Target } from '../servers/targets';
import { sleep } from './common';
import fs from 'node:fs';

export interface ColdResult {
  target: string;
  notes: number;
  authors: number;
  boardBytes: number;
  runs: number;
  coldSyncMs: LatencySummary;
  serverLoadMs: LatencySummary;
  warmSyncMs: LatencySummary;
}

const SYNC_TIMEOUT_MS = 60_000;
const NOTE_TEXT = (i: number): string =>
  `Proposta ${i}: ridurre il consumo di suolo lungo l'argine, con un percorso ciclabile e nuove aree di esondazione controllata.`;

export async function runCold(target: Target, opts: BenchOptions): Promise<ColdResult> {
  const board = Y.mergeUpdates(makeNoteUpdates(opts.coldNotes, { text: NOTE_TEXT, authors: opts.coldAuthors }));
  let running: RunningTarget = await target.start();
  const dataDir = running.dataDir;
  if (!dataDir) throw new Error(`${target.label} keeps no data; cold load does not apply`);
  const cold: number[] = [];
  const load: number[] = [];
  const warm: number[] = [];
  try {
    const roomId = await running.createRoom('bench cold load');
    const writer = await connectTimed(running.providerArgs(roomId), roomId);
    Y.applyUpdate(writer.doc, board);
    // The board must be on the server before the restart: a fresh client reads it back (a restart
    // right after the writer leaves could cut its 880 KB frame off unread, and nobody else has it).
    for (const deadline = performance.now() + SYNC_TIMEOUT_MS; ; ) {
      const reader = await connectTimed(running.providerArgs(roomId), roomId);
      const stored = notesOf(reader.doc).size;
      await reader.close(0);
      if (stored >= opts.coldNotes) break;
      if (performance.now() > deadline) throw new Error(`the server holds ${stored} of ${opts.coldNotes} notes`);
      await sleep(50);
    }
    await writer.close(opts.coldNotes);
    for (let run = 0; run < opts.coldRuns; run++) {
      await running.server.stop();
      running = await target.start({ dataDir });
      const first = await connectTimed(running.providerArgs(roomId), roomId);
      cold.push(first.ms);
      await first.close(opts.coldNotes);
      const m = /"ms":(\d+)[^\n]*"msg":"room loaded"/.exec(running.server.output());
      if (m) load.push(Number(m[1]));
      const second = await connectTimed(running.providerArgs(roomId), roomId);
      warm.push(second.ms);
      await second.close(opts.coldNotes);
    }
  } finally {
    await running.server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    target: target.label,
    notes: opts.coldNotes,
    authors: opts.coldAuthors,
    boardBytes: board.byteLength,
    runs: opts.coldRuns,
    coldSyncMs: summarize(Float64Array.from(cold)),
    serverLoadMs: summarize(Float64Array.from(load)),
    warmSyncMs: summarize(Float64Array.from(warm)),
  };
}

/** Connects a fresh stock client and waits for `synced`; close() checks the note count first. */
async function connectTimed({ serverUrl, params }: { serverUrl: string; params: Record<string, string> }, roomId: string): Promise<{ doc: Y.Doc; ms: number; close(expectNotes: number): Promise<void> }> {
  const doc = new Y.Doc();
  const started = performance.now();
  const provider = new WebsocketProvider(serverUrl, roomId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const ms = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync')), SYNC_TIMEOUT_MS);
    provider.once('sync', (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
  return {
    doc,
    ms,
    async close(expectNotes) {
      // A joiner must have been sent the whole board (its notes arrive with sync step 2 or just after).
      const deadline = performance.now() + SYNC_TIMEOUT_MS;
      while (notesOf(doc).size < expectNotes && performance.now() < deadline) await sleep(20);
      if (notesOf(doc).size < expectNotes) throw new Error(`board has ${notesOf(doc).size} of ${expectNotes} notes`);
      provider.destroy();
      doc.destroy();
    },
  };
}
