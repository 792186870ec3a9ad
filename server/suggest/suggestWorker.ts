/**
 * A suggestion worker thread: computes one board's suggestions per message,
 * from the plain snapshot it is sent, so a 2,000-note board's analysis never
 * holds up the event loop that relays edits. Loaded through
 * suggestWorker.mjs (see there).
 */
import { parentPort } from 'node:worker_threads';
import { suggestForSnapshot } from '../../shared/suggest/board';
import type { SuggestReply, SuggestRequest } from './suggestMessages';

const port = parentPort;
if (!port) throw new Error('suggestWorker.ts runs as a worker thread (see suggestPool.ts)');

port.on('message', ({ jobId, snapshot }: SuggestRequest) => {
  let reply: SuggestReply;
  try {
    reply = { jobId, ok: true, suggestions: suggestForSnapshot(snapshot) };
  } catch (err) {
    reply = { jobId, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
