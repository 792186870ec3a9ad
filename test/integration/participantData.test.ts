/**
 * A participant's control of their data against the real server and raw
 * Yjs clients: the download holds what is theirs and nobody else's; the
 * erasure removes their notes, drafts, commitments and ballots for everyone
 * connected, leaves every other contribution and the revealed tallies, and
 * afterwards no row of the SQLite file (board log, snapshots, drafts,
 * ballots, versions) holds their text; nobody can ask for or erase anyone
 * else's.
 */
import { addComment, listComments } from '../../shared/comments';
import { listReactions, toggleReaction } from '../../shared/reactions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, commit, createAction, readAction } from '../../shared/actions';
import { DRAFTS_SUFFIX } from '../../shared/api';
import { createNote, editNoteText, getNote } from '../../shared/notes';
import { ErasureResult, IDENTITY_HEADER, MyContributions } from '../../shared/participantData';
import { setPhase } from '../../shared/session';
import { latestRoundResult, readVotingStatus } from '../../shared/voting';
import type { ServerControl } from '../../shared/control';
import { createRoom, identify, startServer, type Credentials, type RoomAccess, type RunningServer } from '../helpers/server';
import { filesContaining, rowsContaining } from '../helpers/sqliteRows';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

type Joined = TestClient & { creds: Credentials };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const myData = (room: RoomAccess, token: string | null, identity: string | null, method: 'GET' | 'DELETE' = 'GET') =>
  fetch(`${server.url}/api/rooms/${room.roomId}/my-data`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(identity ? { [IDENTITY_HEADER]: identity } : {}) },
  });

const lastBallot = (c: TestClient) => [...c.controls].reverse().find((m): m is Extract<ServerControl, { t: 'ballot' }> => m.t === 'ballot');

async function vote(c: Joined, itemId: string, sector: 'civil' | 'private'): Promise<void> {
  const before = c.controls.length;
  await c.control({ t: 'vote', itemId, delta: 1, sector, where: 'room' });
  await waitFor(() => c.controls.slice(before).some((m) => m.t === 'ballot' && m.dots[itemId]), { message: 'vote taken' });
}

/** A board where Ada and Bo have each written, voted and committed, through every phase (so versions hold it too). */
async function workshop() {
  const room = await createRoom(server);
  const fac = await joinRoom(server, room);
  const ada = await joinRoom(server, room, { role: 'participant' });
  const bo = await joinRoom(server, room, { role: 'participant' });
  const mark = Math.random().toString(36).slice(2, 10);
  const text = { ada: `adanote${mark}`, adaDraft: `adadraft${mark}`, adaCommit: `adacommit${mark}`, bo: `bonote${mark}`, boCommit: `bocommit${mark}`, adaHidden: `adahidden${mark}`, adaComment: `adacomment${mark}`, boComment: `bocomment${mark}` };
  const adaAuthor = { id: ada.creds.participantId!, name: 'Ada', sector: 'civil' as const, where: 'room' as const };
  const boAuthor = { id: bo.creds.participantId!, name: 'Bo', sector: 'private' as const, where: 'remote' as const };

  // Listening: a private draft, never revealed.
  const drafts = await joinRoom(server, room, { as: ada.creds, docName: `${room.roomId}${DRAFTS_SUFFIX}` });
  createNote(drafts.doc, { x: 0, y: 0, text: text.adaDraft, author: adaAuthor });
  await waitFor(() => rowsContaining(server.dataDir, text.adaDraft).length > 0, { message: 'draft stored' });

  // Discussion: notes on the board, one edited several times (the log holds each edit).
  setPhase(fac.doc, 'discussion');
  await waitFor(() => ada.doc.getMap('session').get('phase') === 'discussion', { message: 'discussion' });
  const adaNote = createNote(ada.doc, { x: 0, y: 0, text: `${text.ada} first`, author: adaAuthor });
  editNoteText(ada.doc, adaNote, `${text.ada} second`);
  editNoteText(ada.doc, adaNote, `${text.ada}\nwith a second line`);
  const boNote = createNote(bo.doc, { x: 300, y: 0, text: text.bo, author: boAuthor });
  await waitFor(() => getNote(fac.doc, adaNote)?.text.startsWith(text.ada) && getNote(fac.doc, boNote), { message: 'notes on the board' });
  // A comment of each on Bo's note, and Ada's reaction to it (her replica must hold the note to comment on it).
  await waitFor(() => getNote(ada.doc, boNote), { message: "Bo's note at Ada's" });
  addComment(ada.doc, { itemId: boNote, author: { id: ada.creds.participantId!, name: 'Ada', sector: 'civil' }, text: text.adaComment });
  addComment(bo.doc, { itemId: boNote, author: { id: bo.creds.participantId!, name: 'Bo', sector: 'private' }, text: text.boComment });
  toggleReaction(ada.doc, { itemId: boNote, participantId: ada.creds.participantId!, kind: 'agree', sector: 'civil' });
  await waitFor(() => listComments(fac.doc).length === 2 && listReactions(fac.doc).length === 1, { message: 'comments and the reaction' });
  // A note of hers a moderator hid: kept whole in the server-only ~hidden document.
  const adaHidden = createNote(ada.doc, { x: 0, y: 300, text: text.adaHidden, author: adaAuthor });
  await waitFor(() => getNote(fac.doc, adaHidden), { message: 'the note to hide' });
  await fac.control({ t: 'moderate', action: 'hide', kind: 'note', id: adaHidden });
  await waitFor(() => !ada.doc.getMap('notes').has(adaHidden), { message: 'the note hidden' });

  // Priorities: round 1 revealed (its label is Ada's first line), round 2 open with both ballots in.
  setPhase(fac.doc, 'priorities');
  for (const c of [fac, ada, bo]) await c.control({ t: 'hello' });
  await waitFor(() => lastBallot(ada) && lastBallot(bo), { message: 'greetings' });
  await vote(ada, adaNote, 'civil');
  await vote(bo, adaNote, 'private');
  await fac.control({ t: 'revealVotes' });
  await waitFor(() => readVotingStatus(fac.doc).state === 'revealed', { message: 'round 1 revealed' });
  await fac.control({ t: 'reopenVoting' });
  await waitFor(() => readVotingStatus(fac.doc).round === 2, { message: 'round 2 open' });
  await vote(ada, boNote, 'civil');
  await vote(bo, boNote, 'private');

  // Co-design: both commit to one action.
  setPhase(fac.doc, 'codesign');
  const action = createAction(fac.doc, { title: 'Ciclovia', createdBy: fac.creds.participantId! });
  await waitFor(() => actionsOf(ada.doc).has(action) && actionsOf(bo.doc).has(action), { message: 'action card' });
  commit(ada.doc, action, 'civil', { participantId: ada.creds.participantId!, name: 'Ada' }, text.adaCommit);
  commit(bo.doc, action, 'private', { participantId: bo.creds.participantId!, name: 'Bo' }, text.boCommit);
  await waitFor(() => readAction(action, actionsOf(fac.doc).get(action)!).committedSectors.length === 2, { message: 'commitments' });
  return { room, fac, ada, bo, drafts, text, adaNote, boNote, action };
}

describe("a participant's own data", () => {
  it('downloads only what is theirs: notes, private drafts, commitments and their ballots of every round', async () => {
    const { room, ada, text, adaNote } = await workshop();
    const res = await myData(room, ada.creds.token, ada.creds.identityToken);
    expect(res.status).toBe(200);
    const body = MyContributions.parse(await res.json());
    expect(body.participantId).toBe(ada.creds.participantId);
    expect(body.board.notes).toEqual([expect.objectContaining({ id: adaNote, authorName: 'Ada', authorSector: 'civil', where: 'room' })]);
    expect(JSON.stringify(body.board.notes)).toContain(text.ada);
    expect(body.drafts.map((n) => n.text)).toEqual([text.adaDraft]);
    expect(body.board.commitments).toEqual([expect.objectContaining({ sector: 'civil', note: text.adaCommit, actionTitle: 'Ciclovia' })]);
    expect(body.ballots.map((b) => b.round)).toEqual([1, 2]);
    expect(JSON.stringify(body)).not.toContain(text.bo);
    expect(JSON.stringify(body)).not.toContain(text.boCommit);
  });

  it("refuses to show or erase anyone's data without their own identity", async () => {
    const { room, ada, bo, fac, adaNote } = await workshop();
    const adaId = ada.creds.participantId!;
    const forged = `${adaId}.${bo.creds.identityToken!.split('.')[1]}`;
    const other = await createRoom(server, 'Altro');
    const elsewhere = await identify(server, other, 'participant');
    const attempts: Array<[string | null, string | null]> = [
      [bo.creds.token, forged], // Bo's link with Ada's id under Bo's signature
      [bo.creds.token, null], // no identity
      [null, ada.creds.identityToken], // no link token
      [room.tokens.observer, ada.creds.identityToken], // observers have no contributions
      [ada.creds.token, `${elsewhere.participantId}.${elsewhere.identityToken!.split('.')[1]}`], // signed for another room
    ];
    for (const [token, identity] of attempts) {
      expect((await myData(room, token, identity)).status).toBe(401);
      expect((await myData(room, token, identity, 'DELETE')).status).toBe(401);
    }
    // Bo erasing with his own identity erases his, never Ada's.
    expect((await myData(room, bo.creds.token, bo.creds.identityToken, 'DELETE')).status).toBe(200);
    await waitFor(() => getNote(fac.doc, adaNote) !== null && [...fac.doc.getMap('notes').keys()].length === 1, { message: "only Bo's note gone" });
    expect(getNote(fac.doc, adaNote)?.authorId).toBe(adaId);
    expect((await myData({ ...room, roomId: other.roomId.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, ada.creds.token, ada.creds.identityToken)).status).toBe(404);
  });

  it("erases them for everyone connected, leaves everyone else's and the revealed tallies, and leaves no row of them in SQLite", async () => {
    const { room, fac, ada, bo, drafts, text, adaNote, boNote, action } = await workshop();
    const before = latestRoundResult(fac.doc)!;
    expect(before.items.find((i) => i.id === adaNote)?.label).toBe(text.ada);
    // Ada's text is stored now: in the board's log, her drafts, the versions saved at each phase change.
    for (const t of [text.ada, text.adaDraft, text.adaCommit, text.adaHidden, text.adaComment]) expect(rowsContaining(server.dataDir, t)).not.toEqual([]);

    const res = await myData(room, ada.creds.token, ada.creds.identityToken, 'DELETE');
    expect(res.status).toBe(200);
    const counts = ErasureResult.parse(await res.json());
    expect(counts.board).toMatchObject({ notes: 1, commitments: 1, comments: 1, reactions: 1 });
    expect(counts.drafts).toBe(1);
    expect(counts.hidden).toBe(1);
    expect(counts.ballots).toBe(2);
    expect(counts.versions).toBeGreaterThan(0);

    // Everyone connected sees the deletions; Bo's contributions are untouched.
    for (const c of [fac, bo, ada]) {
      await waitFor(() => !c.doc.getMap('notes').has(adaNote), { message: "Ada's note gone everywhere" });
      expect(getNote(c.doc, boNote)?.text).toBe(text.bo);
      const card = readAction(action, actionsOf(c.doc).get(action)!);
      expect(card.committedSectors).toEqual(['private']);
      expect(card.commitments.private?.note).toBe(text.boCommit);
    }
    await waitFor(() => drafts.doc.getMap('notes').size === 0, { message: 'drafts emptied' });
    // Her open ballot left the round (her devices are told), the revealed round keeps its tally with the label blanked.
    await waitFor(() => lastBallot(ada)?.round === 2 && Object.keys(lastBallot(ada)!.dots).length === 0, { message: 'empty ballot told' });
    const after = latestRoundResult(fac.doc)!;
    expect(after.voters).toBe(before.voters);
    expect(after.items.find((i) => i.id === adaNote)).toMatchObject({ label: '', dots: 2, voters: 2 });

    // No row of any table holds her text any more; Bo's is still stored (the search does find text).
    for (const t of [text.ada, text.adaDraft, text.adaCommit, text.adaHidden, text.adaComment]) expect(rowsContaining(server.dataDir, t), t).toEqual([]);
    expect(rowsContaining(server.dataDir, text.bo)).not.toEqual([]);
    expect(rowsContaining(server.dataDir, text.boComment)).not.toEqual([]);
    for (const c of [fac, bo]) {
      await waitFor(() => listComments(c.doc).length === 1 && listReactions(c.doc).length === 0, { message: "Ada's comment and reaction gone" });
      expect(listComments(c.doc)[0]!.text).toBe(text.boComment);
    }
    // Nor any byte of the files: freed pages are zeroed and the write-ahead log emptied.
    for (const t of [text.ada, text.adaDraft, text.adaCommit, text.adaHidden, text.adaComment]) expect(filesContaining(server.dataDir, t), t).toEqual([]);
    expect(rowsContaining(server.dataDir, text.boCommit)).not.toEqual([]);
    // Nor her random participant id, but in records linking it to nothing of hers: which Yjs client ids are hers
    // (the guard against impersonation), and the keys of her removed ballots and reactions (a reaction's key
    // names item, person and kind; Yjs keeps a deleted key, not its value) in the ballots, the board and its versions;
    // and that she erased (so nothing of hers is written back, server/rooms/erasedAuthors.ts).
    const idDocs = new Set(rowsContaining(server.dataDir, ada.creds.participantId!).flatMap((r) => (r.column === 'data' ? [r.docId] : [])));
    const allowed = (docId: string | undefined): boolean => [room.roomId, `${room.roomId}~ballots`, `${room.roomId}~clients`, `${room.roomId}~erased`].includes(docId ?? '') || (docId ?? '').startsWith(`${room.roomId}~version~`);
    expect([...idDocs].filter((d) => !allowed(d))).toEqual([]);
    expect(idDocs.has(`${room.roomId}~clients`)).toBe(true);
    expect(idDocs.has(`${room.roomId}~erased`)).toBe(true);

    // Her download is now empty, and the round counts only Bo.
    const empty = MyContributions.parse(await (await myData(room, ada.creds.token, ada.creds.identityToken)).json());
    expect(empty.board).toMatchObject({ notes: [], commitments: [], openBallot: [], comments: [], reactions: [] });
    expect(empty.drafts).toEqual([]);
    expect(empty.ballots).toEqual([]);
    setPhase(fac.doc, 'priorities');
    await fac.control({ t: 'revealVotes' });
    await waitFor(() => latestRoundResult(fac.doc)?.round === 2, { message: 'round 2 revealed' });
    expect(latestRoundResult(fac.doc)).toMatchObject({ voters: 1, dotsCast: 1 });

    // After a restart the board is read back from the compacted store: hers stays gone, everyone else's is there.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const again = await joinRoom(server, room);
    expect(getNote(again.doc, adaNote)).toBeNull();
    expect(getNote(again.doc, boNote)?.text).toBe(text.bo);
    expect(readAction(action, actionsOf(again.doc).get(action)!).commitments.private?.note).toBe(text.boCommit);
    expect(latestRoundResult(again.doc)?.round).toBe(2);
  });
});
