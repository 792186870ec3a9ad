/**
 * Frame fuzzing against the real server: at least 10,000 websocket frames,
 * random bytes and mutations of valid frames (updates, forged GC structs
 * and delete sets, awareness, sync step 1, control messages), from
 * participant sockets that are reopened whenever the server closes them.
 * The server must not crash and must keep serving a well-behaved client in
 * the same room. Seeded: the seed is printed; replay with FUZZ_SEED=<seed>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { createNote, getNote } from '../../shared/notes';
import { getSession, setPhase } from '../../shared/session';
import * as decoding from 'lib0/decoding';
import { ServerControl, encodeControl, messageControl, readControlPayload } from '../../shared/control';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../shared/protocol';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { openRaw, type RawSocket } from '../helpers/rawSocket';
import { changeOf, forgeAwareness, forgeUpdate, replicaAs } from '../helpers/forgedUpdates';
import { waitFor } from '../helpers/waitFor';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
/** Frames sent on one socket before its probes are awaited. */
const CHUNK = 200;
/** Sockets fuzzing side by side. */
const WORKERS = 8;
/** The well-behaved client writes after every this many frames. */
const CHECK_EVERY = 2_000;

describe('frame fuzzing', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer();
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('survives 10,000 random and mutated frames and keeps serving a well-behaved client', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 0x7fffffff));
    console.log(`frame fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const fac = await joinRoom(server, room, { role: 'facilitator' });
    const good = await joinRoom(server, room, { role: 'participant' });
    fac.provider.awareness.setLocalStateField('user', { name: 'Fac' });
    setPhase(fac.doc, 'discussion');
    await waitFor(() => getSession(good.doc).phase === 'discussion', { message: 'discussion' });
    const creds = await identify(server, room, 'participant');
    const author = { id: creds.participantId!, name: 'Fuzz', sector: 'other' as const };

    // Valid payloads to mutate, built from the room as an attacker sees it.
    const scratch = replicaAs(good.doc, 0x0f0f0f0f);
    const updates: Uint8Array[] = [
      changeOf(scratch, (d) => createNote(d, { x: 1, y: 1, text: 'fuzz', author })),
      changeOf(replicaAs(good.doc, good.doc.clientID), (d) => createNote(d, { x: 2, y: 2, text: 'squat', author })),
      forgeUpdate({ gc: [{ client: fac.doc.clientID, clock: Y.getState(fac.doc.store, fac.doc.clientID), len: 4 }] }),
      forgeUpdate({ deletes: [{ client: good.doc.clientID, clock: 0, len: 1000 }] }),
    ];
    const presence = [forgeAwareness(fac.doc.clientID, 99, { user: { name: 'x' } }), forgeAwareness(0x0f0f0f0f, 1, { user: { name: 'fuzz' } })];
    const frameKinds = [encodeUpdate, encodeSyncStep2];
    const wholeFrames = [
      ...updates.map(encodeUpdate),
      ...presence.map(encodeAwareness),
      encodeSyncStep1(Y.encodeStateVector(good.doc)),
      encodeControl({ t: 'hello' }),
      encodeControl({ t: 'vote', itemId: 'note-00000001', delta: 1, sector: 'civil' }),
    ];
    const clients = [fac.doc.clientID, good.doc.clientID, 0x0f0f0f0f];
    const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 });
    const mutate = (base: Uint8Array, at: [number, number][], cut?: number, tail: Uint8Array = new Uint8Array()): Uint8Array => {
      const bytes = new Uint8Array([...base.slice(0, cut === undefined ? base.length : cut % (base.length + 1)), ...tail]);
      for (const [k, v] of at) if (bytes.length > 0) bytes[k % bytes.length] = v;
      return bytes;
    };
    const range = fc.record({ client: fc.oneof(fc.constantFrom(...clients), fc.nat()), clock: fc.nat({ max: 5_000 }), len: fc.nat({ max: 5_000 }) });
    const frameArb = fc.oneof(
      // Random bytes.
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 48 }) },
      // A valid frame, mutated anywhere: mostly closes the socket.
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...wholeFrames), flips, fc.option(fc.nat(), { nil: undefined, freq: 3 }), fc.uint8Array({ maxLength: 4 }))
          .map(([base, at, cut, tail]) => mutate(base, at, cut, tail)),
      },
      // A well-framed update or presence whose payload is mutated: reaches the Yjs decoder and the inspector.
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...updates), fc.constantFrom(...frameKinds), flips)
          .map(([base, frame, at]) => frame(mutate(base, at))),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...presence), flips).map(([base, at]) => encodeAwareness(mutate(base, at))) },
      // Forged GC structs and delete sets over any client's clocks, and presence for any client id.
      {
        weight: 8,
        arbitrary: fc
          .record({ gc: fc.array(range, { maxLength: 2 }), deletes: fc.array(range, { maxLength: 3 }) })
          .map(({ gc, deletes }) => encodeUpdate(forgeUpdate({ gc: gc.map((r) => ({ ...r, len: r.len + 1 })), deletes }))),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.oneof(fc.constantFrom(...clients), fc.nat()), fc.nat({ max: 1_000 }), fc.constantFrom(null, { user: { name: 'spoof' } }))
          .map(([id, clock, state]) => encodeAwareness(forgeAwareness(id, clock, state))),
      },
    );
    const frames = fc.sample(frameArb, { seed, numRuns: FRAMES });

    // Each frame is followed by a numbered `time` probe: the answers say exactly
    // how far the server read before it closed a socket, so every frame is
    // processed once and the count is exact. A few sockets run side by side.
    const answered = (s: RawSocket): number => {
      let last = -1;
      for (const f of s.frames) {
        if (f[0] !== messageControl) continue;
        const msg = ServerControl.safeParse(readControlPayload(decoding.createDecoder(f.subarray(1))));
        if (msg.success && msg.data.t === 'time') last = Math.max(last, msg.data.sentAt);
      }
      return last;
    };
    let processed = 0;
    let sockets = 0;
    const worker = async (from: number, to: number): Promise<void> => {
      let next = from;
      while (next < to) {
        // It reads the numbered time answers, so it asks for control messages.
        const s = await openRaw(server, room.roomId, creds.token, creds.identityToken!, { params: { control: '1' } });
        sockets++;
        await waitFor(() => s.frames.length > 0 || s.ws.readyState !== s.ws.OPEN, { message: 'greeting' });
        const end = Math.min(to, next + CHUNK);
        for (let k = next; k < end && s.ws.readyState === s.ws.OPEN; k++) {
          s.ws.send(frames[k]!);
          s.ws.send(encodeControl({ t: 'time', sentAt: k }));
        }
        const closed = await Promise.race([
          waitFor(() => answered(s) >= end - 1, { timeoutMs: 20_000, message: 'probe answers' }).then(() => false),
          s.closed.then(() => true),
        ]);
        const last = Math.max(answered(s), next - 1);
        // On a close, the frame after the last answered probe is the one that closed it.
        const upto = closed ? Math.min(end, last + 2) : end;
        processed += upto - next;
        next = upto;
        if (!closed) s.ws.close();
      }
    };
    for (let i = 0; i < frames.length; i += CHECK_EVERY) {
      const to = Math.min(frames.length, i + CHECK_EVERY);
      const share = Math.ceil((to - i) / WORKERS);
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(i + w * share, Math.min(to, i + (w + 1) * share))));
      const id = createNote(good.doc, { x: i, y: 0, text: `still here ${i}`, author: { id: good.creds.participantId!, name: 'G', sector: 'civil' } });
      await waitFor(() => getNote(fac.doc, id), { message: `the well-behaved client is served after ${to} frames` });
    }
    console.log(`frame fuzz: ${processed} frames processed by the server over ${sockets} sockets`);
    expect(processed).toBeGreaterThanOrEqual(FRAMES);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const last = createNote(good.doc, { x: 0, y: 0, text: 'the end', author: { id: good.creds.participantId!, name: 'G', sector: 'civil' } });
    await waitFor(() => getNote(fac.doc, last), { message: 'served at the end' });
    expect(good.controls.filter((c) => c.t === 'refused')).toEqual([]);
    expect(fac.controls.filter((c) => c.t === 'refused')).toEqual([]);
    expect(good.closes).toEqual([]);
    expect((good.provider.awareness.getStates().get(fac.doc.clientID) as { user?: { name?: string } }).user?.name).toBe('Fac');
  }, 240_000);
});
