/**
 * Comments under moderation, against the real server, read off the bytes
 * another participant's socket is sent: a comment waiting for approval
 * reaches nobody else until the facilitator approves it; a hidden comment's
 * text is sent to no participant, live or joining later, and is restored
 * whole; a comment whose origin does not say where it was really written
 * (meeting or open consultation window) is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DRAFTS_SUFFIX } from '../../shared/api';
import { addComment, commentsOf, listComments } from '../../shared/comments';
import { encodeControl, type ServerControl } from '../../shared/control';
import { createNote } from '../../shared/notes';
import { encodeSyncStep1 } from '../../shared/protocol';
import { readSession } from '../../shared/schema';
import { getSession, setPremoderation, setPrivateWriting } from '../../shared/session';
import { changeOf, openAttacker, replicaAs } from '../helpers/forgedUpdates';
import { openRaw, type RawSocket } from '../helpers/rawSocket';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

type Queue = Extract<ServerControl, { t: 'moderation' }>;

const contains = (frames: Uint8Array[], text: string): boolean => frames.some((f) => Buffer.from(f).includes(Buffer.from(text)));
const queueOf = (c: TestClient): Queue | undefined => c.controls.filter((m): m is Queue => m.t === 'moderation').at(-1);

/** A participant's raw socket that asked for the whole board and for every control message: every byte it is sent is in `frames`. */
async function rawParticipant(server: RunningServer, room: RoomAccess): Promise<RawSocket> {
  const who = await identify(server, room, 'participant');
  const wire = await openRaw(server, room.roomId, who.token, who.identityToken!, { params: { control: '1' } });
  wire.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  wire.ws.send(encodeControl({ t: 'hello' }));
  return wire;
}

/** A room with private writing off, the facilitator's note, the facilitator (who said hello, so gets the queue) and Alice. */
async function roomWithNote(server: RunningServer) {
  const room = await createRoom(server);
  const fac = await joinRoom(server, room);
  await fac.control({ t: 'hello' });
  await waitFor(() => queueOf(fac), { message: 'first moderation queue' });
  setPrivateWriting(fac.doc, false);
  const facAuthor = { id: fac.creds.participantId!, name: 'F', sector: 'public' as const };
  const note = createNote(fac.doc, { x: 0, y: 0, text: 'Una ciclabile lungo il fiume', author: facAuthor });
  const alice = await joinRoom(server, room, { role: 'participant' });
  await waitFor(() => !getSession(alice.doc).privateWriting && alice.doc.getMap('notes').has(note), { message: 'Alice synced' });
  const author = { id: alice.creds.participantId!, name: 'Alice', sector: 'civil' as const };
  return { room, fac, facAuthor, note, alice, author };
}

describe('comment moderation', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends a pending comment to no other participant until the facilitator approves it, then to everyone', async () => {
    const { room, fac, facAuthor, note, alice, author } = await roomWithNote(server);
    setPremoderation(fac.doc, true);
    await waitFor(() => getSession(alice.doc).premoderation, { message: 'pre-moderation reached Alice' });
    const drafts = await joinRoom(server, room, { as: alice.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const bruno = await rawParticipant(server, room);
    const SECRET = 'COMMENTO-in-attesa-4417 merda';

    // Straight onto the board it is refused: it must wait.
    addComment(alice.doc, { itemId: note, author, text: 'Scritto sulla lavagna' });
    await waitFor(() => alice.controls.some((m) => m.t === 'refused' && m.reason === 'moderated'), { message: 'board comment refused' });

    const id = addComment(drafts.doc, { itemId: note, author, text: SECRET, board: alice.doc })!;
    expect(id).toBeTruthy();
    await waitFor(() => queueOf(fac)?.pending.some((i) => i.id === id), { message: 'pending comment in the queue' });
    expect(queueOf(fac)!.pending.find((i) => i.id === id)).toMatchObject({ kind: 'comment', authorId: author.id, authorName: 'Alice', sector: 'civil', text: SECRET });
    // The profanity lists flag comments as they flag notes.
    expect(queueOf(fac)!.flagged.find((i) => i.id === id)?.flags).toContain('merda');

    // Something public afterwards, so Bruno's socket is known to be live and relayed to.
    addComment(fac.doc, { itemId: note, author: facAuthor, text: 'pubblico-dopo' });
    await waitFor(() => contains(bruno.frames, 'pubblico-dopo'), { message: 'public comment reached Bruno' });
    expect(contains(bruno.frames, SECRET)).toBe(false);
    expect(commentsOf(alice.doc).has(id)).toBe(false);

    await fac.control({ t: 'moderate', action: 'approve', kind: 'comment', id });
    await waitFor(() => contains(bruno.frames, SECRET), { message: 'approved comment reached Bruno' });
    await waitFor(() => listComments(alice.doc).some((c) => c.id === id && c.text === SECRET && c.authorId === author.id), { message: 'on the board' });
    await waitFor(() => !commentsOf(drafts.doc).has(id), { message: 'gone from the drafts' });
    await waitFor(() => alice.controls.some((m) => m.t === 'moderated' && m.kind === 'comment' && m.id === id && m.outcome === 'approved'), { message: 'Alice told' });
    await waitFor(() => queueOf(fac)?.pending.every((i) => i.id !== id), { message: 'left the queue' });
    bruno.ws.close();
    drafts.destroy();
    alice.destroy();
    fac.destroy();
  });

  it('sends a rejected comment to nobody else and removes it from its author’s drafts', async () => {
    const { room, fac, facAuthor, note, alice, author } = await roomWithNote(server);
    setPremoderation(fac.doc, true);
    await waitFor(() => getSession(alice.doc).premoderation, { message: 'pre-moderation reached Alice' });
    const drafts = await joinRoom(server, room, { as: alice.creds, docName: room.roomId + DRAFTS_SUFFIX });
    const bruno = await rawParticipant(server, room);
    const REJECTED = 'COMMENTO-RIFIUTATO-2208';
    const id = addComment(drafts.doc, { itemId: note, author, text: REJECTED, board: alice.doc })!;
    await waitFor(() => queueOf(fac)?.pending.some((i) => i.id === id), { message: 'pending comment in the queue' });
    await fac.control({ t: 'moderate', action: 'reject', kind: 'comment', id });
    await waitFor(() => !commentsOf(drafts.doc).has(id), { message: 'gone from the drafts' });
    addComment(fac.doc, { itemId: note, author: facAuthor, text: 'dopo-il-rifiuto' });
    await waitFor(() => contains(bruno.frames, 'dopo-il-rifiuto'), { message: 'Bruno relayed to' });
    expect(contains(bruno.frames, REJECTED)).toBe(false);
    expect(listComments(fac.doc).some((c) => c.id === id)).toBe(false);
    bruno.ws.close();
    drafts.destroy();
    alice.destroy();
    fac.destroy();
  });

  it('sends a hidden comment to no participant, live or joining, and restores it whole', async () => {
    const { room, fac, facAuthor, note, alice, author } = await roomWithNote(server);
    const HIDDEN = 'COMMENTO-DA-NASCONDERE-5120';
    const id = addComment(alice.doc, { itemId: note, author, text: HIDDEN })!;
    await waitFor(() => commentsOf(fac.doc).has(id), { message: 'comment on the board' });
    const live = await rawParticipant(server, room);
    await waitFor(() => contains(live.frames, HIDDEN), { message: 'live participant has it before the hide' });
    const before = live.frames.length;

    await fac.control({ t: 'moderate', action: 'hide', kind: 'comment', id });
    await waitFor(() => !commentsOf(alice.doc).has(id), { message: 'hidden for Alice' });
    await waitFor(() => queueOf(fac)?.hidden.some((i) => i.kind === 'comment' && i.id === id && i.text === HIDDEN), { message: 'listed as hidden' });
    addComment(fac.doc, { itemId: note, author: facAuthor, text: 'dopo-nascosto' });
    await waitFor(() => contains(live.frames, 'dopo-nascosto'), { message: 'live socket relayed to' });
    expect(contains(live.frames.slice(before), HIDDEN)).toBe(false);
    const late = await rawParticipant(server, room);
    await waitFor(() => contains(late.frames, 'dopo-nascosto'), { message: 'late joiner synced' });
    expect(contains(late.frames, HIDDEN)).toBe(false);

    await fac.control({ t: 'moderate', action: 'restore', kind: 'comment', id });
    await waitFor(() => listComments(alice.doc).some((c) => c.id === id && c.text === HIDDEN && c.authorId === author.id), { message: 'restored for Alice' });
    await waitFor(() => contains(late.frames, HIDDEN), { message: 'restored for the late joiner' });
    await waitFor(() => queueOf(fac)?.hidden.every((i) => i.id !== id), { message: 'no longer listed as hidden' });
    live.ws.close();
    late.ws.close();
    alice.destroy();
    fac.destroy();
  });

  it('refuses a comment whose origin is not where it was written', async () => {
    const { room, fac, note } = await roomWithNote(server);
    const watcher = await joinRoom(server, room, { role: 'observer' });
    await waitFor(() => watcher.doc.getMap('notes').has(note), { message: 'the watcher synced' });
    const creds = await identify(server, room, 'participant');
    const mine = { id: creds.participantId!, name: 'Ada', sector: 'civil' as const };
    const atk = await openAttacker(server, room.roomId, creds);
    let clientId = 6_000_001;
    const forge = (change: (d: Y.Doc) => void) => changeOf(replicaAs(watcher.doc, clientId++), change);

    // In the live meeting, passed off as written in a consultation window.
    atk.sendUpdate(forge((d) => addComment(d, { itemId: note, author: mine, text: 'Finta consultazione', origin: 'A'.repeat(22) })));
    expect((await atk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'schema' });

    await fac.control({
      t: 'openConsultation',
      opens: { notes: true, comments: true, reactions: true, voting: false },
      prompt: 'Che cosa manca?',
      deadline: Date.now() + 3_600_000,
      autoReveal: false,
    });
    const window = await waitFor(() => readSession(fac.doc).consultation, { message: 'the window open' });
    await waitFor(() => readSession(watcher.doc).consultation, { message: 'the watcher sees the window' });
    // During the window, passed off as the meeting's, or saying nothing.
    atk.sendUpdate(forge((d) => addComment(d, { itemId: note, author: mine, text: 'Finto incontro', origin: 'meeting' })));
    expect((await atk.refusals(2))[1]).toMatchObject({ t: 'refused', reason: 'schema' });
    atk.sendUpdate(forge((d) => commentsOf(d).set('c'.repeat(16), new Y.Map(Object.entries({ itemId: note, itemKind: 'note', parentId: null, authorId: mine.id, text: 'Senza origine', createdAt: 1 })))));
    expect((await atk.refusals(3))[2]).toMatchObject({ t: 'refused', reason: 'schema' });

    // The honest one, with the window's id, goes through and reads as the window's.
    atk.sendUpdate(forge((d) => addComment(d, { itemId: note, author: mine, text: 'Dalla consultazione', origin: window.id })));
    await waitFor(() => listComments(watcher.doc).some((c) => c.text === 'Dalla consultazione'), { message: 'the honest comment relayed' });
    expect(listComments(watcher.doc).map((c) => [c.text, c.origin])).toEqual([['Dalla consultazione', window.id]]);
    atk.ws.close();
    watcher.destroy();
    fac.destroy();
  });
});
