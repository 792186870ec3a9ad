/**
 * The render scenario's board, written through the real server by a stock
 * y-websocket client joined as the facilitator: `scenarios` frames in a
 * grid, each holding an equal share of the notes in rows, so a zoomed-out
 * view shows every note at once and a drop lands inside a frame.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { NOTE_HEIGHT, NOTE_WIDTH, notesOf, scenariosOf } from '../../shared/schema';
import { createNote } from '../../shared/notes';
import { createScenario } from '../../shared/scenarios';
import { sleep } from '../scenarios/common';

const GAP = 24;
const PAD = 40;
const FRAME_GAP = 120;
const SYNC_TIMEOUT_MS = 60_000;

export interface SeededRoom {
  roomId: string;
  /** The facilitator's link, token in the fragment. */
  facilitatorLink: string;
}

interface CreatedRoom {
  roomId: string;
  tokens: { facilitator: string };
  links: { facilitator: string };
}

const SYLLABLES = ['ar', 'gi', 'ne', 'po', 'ri', 'va', 'lu', 'ce', 'mo', 'ta', 'fe', 'su', 'bi', 'do', 'ze', 'qu'];
/** Distinct made-up words per note, so no two notes read as duplicates. */
function noteText(n: number): string {
  const word = (k: number): string => SYLLABLES[k % 16]! + SYLLABLES[(k >> 4) % 16]! + SYLLABLES[(k >> 8) % 16]!;
  return `Proposta ${n}: ${word(n * 7 + 1)} ${word(n * 13 + 5)} ${word(n * 31 + 11)} ${word(n * 3 + 2)} ${word(n * 17 + 3)}.`;
}

export async function seedRenderBoard(httpUrl: string, wsUrl: string, notes: number, scenarios: number): Promise<SeededRoom> {
  const res = await fetch(`${httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'bench render' }),
  });
  if (res.status !== 201) throw new Error(`room creation failed: ${res.status} ${await res.text()}`);
  const room = (await res.json()) as CreatedRoom;
  const idRes = await fetch(`${httpUrl}/api/rooms/${room.roomId}/identity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${room.tokens.facilitator}` },
    body: '{}',
  });
  if (idRes.status !== 200) throw new Error(`identity failed: ${idRes.status} ${await idRes.text()}`);
  const { participantId, identityToken } = (await idRes.json()) as { participantId: string; identityToken: string };

  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/sync`, room.roomId, doc, {
    params: { token: room.tokens.facilitator, identity: identityToken },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await until(() => provider.synced, 'seeding client synced');
    const perFrame = Math.ceil(notes / scenarios);
    const cols = Math.ceil(Math.sqrt(perFrame * 1.5));
    const rows = Math.ceil(perFrame / cols);
    const frameW = PAD * 2 + cols * (NOTE_WIDTH + GAP);
    const frameH = PAD * 2 + rows * (NOTE_HEIGHT + GAP);
    const frameCols = Math.ceil(Math.sqrt(scenarios * 1.6 * (frameH / frameW)));
    const author = { id: participantId, name: 'Giulia Rossi', sector: 'public' as const, facilitator: true };
    for (let s = 0; s < scenarios; s++) {
      const fx = (s % frameCols) * (frameW + FRAME_GAP);
      const fy = Math.floor(s / frameCols) * (frameH + FRAME_GAP);
      createScenario(doc, { name: `Scenario ${s + 1}`, x: fx, y: fy, w: frameW, h: frameH });
      for (let i = 0; i < perFrame && s * perFrame + i < notes; i++) {
        createNote(doc, {
          x: fx + PAD + (i % cols) * (NOTE_WIDTH + GAP),
          y: fy + PAD + Math.floor(i / cols) * (NOTE_HEIGHT + GAP),
          text: noteText(s * perFrame + i),
          author,
        });
      }
    }
    // The server confirms by echoing nothing; a second client reading the board back does.
    await until(() => notesOf(doc).size === notes && scenariosOf(doc).size === scenarios, 'board written');
    await confirmStored(wsUrl, room.roomId, { token: room.tokens.facilitator, identity: identityToken }, notes);
  } finally {
    provider.destroy();
    doc.destroy();
  }
  return { roomId: room.roomId, facilitatorLink: room.links.facilitator };
}

async function confirmStored(wsUrl: string, roomId: string, params: Record<string, string>, notes: number): Promise<void> {
  const doc = new Y.Doc();
  const reader = new WebsocketProvider(`${wsUrl}/sync`, roomId, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    await until(() => reader.synced && notesOf(doc).size === notes, `a second client reading ${notes} notes`);
  } finally {
    reader.destroy();
    doc.destroy();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + SYNC_TIMEOUT_MS;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}
