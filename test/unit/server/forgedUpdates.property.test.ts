/**
 * Property: whatever a participant sends at the Yjs level (GC structs and
 * delete sets over any client's clocks, items behind a clock gap, writes
 * under another client's id, mutated or truncated bytes of a valid update),
 * the facilitator's and another participant's later edits all land, every
 * replica converges with the server, nothing is left pending, and the
 * store holds exactly what the room shows.
 *
 * Seeded and replayable: the seed is printed; replay one with
 * FC_SEED=<seed> (and FC_PATH=<path> from fast-check's report). Failing
 * seeds found so far are pinned in REGRESSION_SEEDS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import * as Y from 'yjs';
import { Room } from '../../../server/rooms/room';
import type { Peer } from '../../../server/rooms/peer';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import { log } from '../../../server/log';
import { decodeMessage } from '../../../shared/protocol';
import { newRoomId } from '../../../shared/ids';
import { createNote, editNoteText, listNotes } from '../../../shared/notes';
import { initSession, setLocked, setPhase, setPrompt } from '../../../shared/session';
import { readSession } from '../../../shared/schema';
import { changeOf, forgeUpdate, replicaAs } from '../../helpers/forgedUpdates';

const RUNS = Number(process.env.FC_RUNS ?? 200);
/** Seed 1 fails at its first run on the server before client ids were bound (999c020). */
const REGRESSION_SEEDS: number[] = [1];
const REGRESSION_RUNS = 20;

const store = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-prop-')) });
const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };

/** A client of the room: its own doc, fed with what the server relays, sending what it writes. */
interface Client extends Peer {
  doc: Y.Doc;
  refused: number;
}
function client(room: Room, id: string, role: 'facilitator' | 'participant', base: Uint8Array): Client {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base, 'remote');
  const c: Client = {
    id,
    actor: { role, participantId: `${id}-000001` },
    doc,
    refused: 0,
    send(frame) {
      const m = decodeMessage(frame);
      if (m.kind === 'update' || m.kind === 'sync-step2') Y.applyUpdate(doc, m.update, 'remote');
      if (m.kind === 'control' && (m.payload as { t?: string }).t === 'refused') c.refused++;
    },
    close() {},
  };
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') room.receiveUpdate(c, u);
  });
  room.join(c);
  return c;
}

type Target = 'victim' | 'facilitator' | 'server' | 'own' | 'other';
const target = fc.constantFrom<Target>('victim', 'facilitator', 'server', 'own', 'other');
const attack = fc.oneof(
  fc.record({ kind: fc.constant('gc' as const), target, offset: fc.integer({ min: -2, max: 3 }), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('delete' as const), target, offset: fc.integer({ min: -6, max: 4 }), len: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('gap' as const), skipped: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('squat' as const), target }),
  fc.record({
    kind: fc.constant('mutate' as const),
    target,
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  }),
);
type Attack = typeof attack extends fc.Arbitrary<infer A> ? A : never;

const view = (d: Y.Doc): string =>
  JSON.stringify({ notes: listNotes(d).sort((a, b) => a.id.localeCompare(b.id)), session: readSession(d) });

async function scenario(attacks: Attack[], otherId: number): Promise<void> {
  const roomId = newRoomId();
  const init = new Y.Doc();
  initSession(init, { title: 'T', now: 1 });
  setPhase(init, 'discussion');
  await store.createRoom({ roomId, title: 'T', createdAt: 0, tokenHashes }, Y.encodeStateAsUpdate(init));
  const room = new Room(roomId, store, await store.load(roomId), log);
  const base = Y.encodeStateAsUpdate(room.doc);
  const fac = client(room, 'fac', 'facilitator', base);
  const victim = client(room, 'vic', 'participant', base);
  const attacker: Peer = { id: 'atk', actor: { role: 'participant', participantId: 'atk-000001' }, send() {}, close() {} };
  room.join(attacker);
  const me = (c: Client) => ({ id: c.actor.participantId!, name: c.id, sector: 'civil' as const });

  const first = createNote(victim.doc, { x: 0, y: 0, text: 'prima', author: me(victim) });
  setPrompt(fac.doc, 'discussion', 'uno');
  await room.flushNow();

  const ownId = 0x7a7a7a7a;
  const clientOf = (t: Target): number =>
    ({ victim: victim.doc.clientID, facilitator: fac.doc.clientID, server: room.doc.clientID, own: ownId, other: otherId })[t];
  const stateOf = (c: number): number => Y.getState(room.doc.store, c);
  const asAttacker = { id: 'atk-000001', name: 'atk', sector: 'other' as const };
  for (const a of attacks) {
    let bytes: Uint8Array;
    switch (a.kind) {
      case 'gc': {
        const c = clientOf(a.target);
        bytes = forgeUpdate({ gc: [{ client: c, clock: Math.max(0, stateOf(c) + a.offset), len: a.len }] });
        break;
      }
      case 'delete': {
        const c = clientOf(a.target);
        bytes = forgeUpdate({ deletes: [{ client: c, clock: Math.max(0, stateOf(c) + a.offset), len: a.len }] });
        break;
      }
      case 'gap': {
        const r = replicaAs(room.doc, ownId);
        for (let i = 0; i < a.skipped; i++) changeOf(r, (d) => createNote(d, { x: 1, y: 1, text: 'skipped', author: asAttacker }));
        bytes = changeOf(r, (d) => createNote(d, { x: 2, y: 2, text: 'after a gap', author: asAttacker }));
        break;
      }
      case 'squat':
        bytes = changeOf(replicaAs(room.doc, clientOf(a.target)), (d) => createNote(d, { x: 3, y: 3, text: 'squat', author: asAttacker }));
        break;
      case 'mutate': {
        const valid = changeOf(replicaAs(room.doc, clientOf(a.target)), (d) => editNoteText(d, first, 'mutated'));
        bytes = valid.slice(0, a.cut === undefined ? valid.length : a.cut % (valid.length + 1));
        for (const [at, v] of a.flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
        break;
      }
    }
    try {
      room.receiveUpdate(attacker, bytes);
    } catch {
      // A malformed update: the real server closes the attacker's socket. The room must be intact.
    }
  }
  await room.flushNow();

  // The honest side carries on.
  editNoteText(victim.doc, first, 'prima, rivista');
  const second = createNote(victim.doc, { x: 5, y: 5, text: 'seconda', author: me(victim) });
  setPrompt(fac.doc, 'discussion', 'due');
  setLocked(fac.doc, true);
  await room.flushNow();

  const fail = (what: string): never => {
    throw new Error(`${what}\nserver: ${view(room.doc)}\nvictim: ${view(victim.doc)}\nfacilitator: ${view(fac.doc)}`);
  };
  const notes = listNotes(room.doc);
  const byId = (id: string) => notes.find((n) => n.id === id);
  if (byId(first)?.text !== 'prima, rivista' || byId(second)?.text !== 'seconda') fail("the victim's edits did not all land");
  if (byId(second)?.authorId !== victim.actor.participantId) fail("the victim's note changed author");
  const session = readSession(room.doc);
  if (session.prompts.discussion !== 'due' || session.locked !== true || session.phase !== 'discussion') fail("the facilitator's edits did not all land");
  if (room.doc.store.pendingStructs || room.doc.store.pendingDs) fail('something is pending');
  if (view(victim.doc) !== view(room.doc) || view(fac.doc) !== view(room.doc)) fail('replicas diverge from the server');
  if (victim.refused + fac.refused > 0) fail('an honest client was refused');
  await room.close();
  const reloaded = new Y.Doc();
  const stored = await store.load(roomId);
  Y.applyUpdate(reloaded, Y.mergeUpdates(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates));
  if (view(reloaded) !== view(room.doc)) fail('the store differs from what the room showed');
}

const property = fc.asyncProperty(fc.array(attack, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 0xffffffff }), scenario);

describe('forged Yjs updates against a room', () => {
  it('never change what the honest clients see or what is stored', async () => {
    const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 0x7fffffff));
    console.log(`forged updates property: seed ${seed} (replay with FC_SEED=${seed})`);
    await fc.assert(property, { seed, numRuns: RUNS, path: process.env.FC_PATH });
  }, 120_000);

  it.each(REGRESSION_SEEDS)('still holds for pinned seed %i', async (seed) => {
    await fc.assert(property, { seed, numRuns: REGRESSION_RUNS });
  }, 120_000);
});
