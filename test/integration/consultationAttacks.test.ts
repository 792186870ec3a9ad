/**
 * What consultations, comments, reactions and moderation added to a room,
 * attacked by hand-built Yjs updates during an open consultation window
 * (notes and reactions open, comments and voting not): each forged change
 * is refused whole with its reason, and nobody else ever sees it, while an
 * honest reaction from the same person goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, listComments } from '../../shared/comments';
import { createNote } from '../../shared/notes';
import { addReaction, listReactions } from '../../shared/reactions';
import { notesOf, readSession, sessionOf } from '../../shared/schema';
import { createRoom, identify, startServer, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { changeOf, openAttacker, replicaAs } from '../helpers/forgedUpdates';
import { waitFor } from '../helpers/waitFor';

describe('forged changes during an open consultation', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a comment the window does not open, a disguised or pending note, reopening the meeting and a reaction in another name', async () => {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const author = { id: fac.creds.participantId!, name: 'Giulia', sector: 'public' as const };
    const noteId = createNote(fac.doc, { x: 0, y: 0, text: 'Una ciclabile lungo il fiume', author });
    await fac.control({
      t: 'openConsultation',
      opens: { notes: true, comments: false, reactions: true, voting: false },
      prompt: 'Che cosa manca?',
      deadline: Date.now() + 3_600_000,
      autoReveal: false,
    });
    const window = await waitFor(() => readSession(fac.doc).consultation, { message: 'the window open' });
    const watcher = await joinRoom(server, room, { role: 'observer' });
    await waitFor(() => readSession(watcher.doc).consultation && notesOf(watcher.doc).has(noteId), { message: 'the watcher synced' });

    const creds = await identify(server, room, 'participant');
    const me = creds.participantId!;
    const atk = await openAttacker(server, room.roomId, creds);
    const mine = { id: me, name: 'Ada', sector: 'civil' as const };
    let clientId = 5_000_001;
    const forge = (change: Parameters<typeof changeOf>[1]) => changeOf(replicaAs(watcher.doc, clientId++), change);

    // Comments are not open in this window.
    atk.sendUpdate(forge((d) => addComment(d, { itemId: noteId, author: mine, text: 'Sono d’accordo' })));
    expect((await atk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'closed' });
    // A note written now passed off as the meeting's, and one marked pending on the board.
    atk.sendUpdate(forge((d) => createNote(d, { x: 0, y: 200, text: 'Travestita', author: mine, origin: 'meeting' })));
    expect((await atk.refusals(2))[1]).toMatchObject({ t: 'refused' });
    atk.sendUpdate(forge((d) => createNote(d, { x: 0, y: 400, text: 'In attesa', author: mine, origin: window.id, pending: true })));
    expect((await atk.refusals(3))[2]).toMatchObject({ t: 'refused' });
    // Reopening the meeting, or ending the window, is the facilitator's and the server's.
    atk.sendUpdate(forge((d) => sessionOf(d).set('meeting', 'live')));
    expect((await atk.refusals(4))[3]).toMatchObject({ t: 'refused' });
    atk.sendUpdate(forge((d) => sessionOf(d).set('consultation', null)));
    expect((await atk.refusals(5))[4]).toMatchObject({ t: 'refused' });
    // A reaction in the facilitator's name.
    atk.sendUpdate(forge((d) => addReaction(d, { itemId: noteId, participantId: author.id, kind: 'agree', sector: 'public' })));
    expect((await atk.refusals(6))[5]).toMatchObject({ t: 'refused', reason: 'not-yours' });

    // Her own reaction, given in this window (it says so), is open and goes through to everyone.
    atk.sendUpdate(forge((d) => addReaction(d, { itemId: noteId, participantId: me, kind: 'important', sector: 'civil', origin: window.id })));
    await waitFor(() => listReactions(watcher.doc).some((r) => r.participantId === me), { message: 'the honest reaction relayed' });
    expect(listReactions(watcher.doc).map((r) => [r.participantId, r.kind])).toEqual([[me, 'important']]);
    expect(listComments(watcher.doc)).toEqual([]);
    expect([...notesOf(watcher.doc).keys()]).toEqual([noteId]);
    expect(readSession(watcher.doc)).toMatchObject({ meeting: 'closed', consultation: { id: window.id } });
    atk.ws.close();
    watcher.destroy();
    fac.destroy();
  });
});
