import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTE_TEXT } from '../../shared/documentSchemas';
import { createNote, deleteNote, getNote, listNotes } from '../../shared/notes';
import { notesOf, votesOf } from '../../shared/schema';
import { setPhase } from '../../shared/session';
import { castDot, getBallot, tally } from '../../shared/votes';
import { countedBallots, latestRoundResult, openRoundResult, readVoteSettings, setVoteSettings } from '../../shared/voting';
import type { ServerControl } from '../../shared/control';
import { createRoom, startServer, type Credentials, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

type Joined = TestClient & { creds: Credentials };
const refusalOf = (c: TestClient) => c.controls.find((m): m is Extract<ServerControl, { t: 'refused' }> => m.t === 'refused');
const author = (c: Joined, name = 'Pia') => ({ id: c.creds.participantId!, name, sector: 'civil' as const });

/** A note written straight into the Y.Text, past the client-side clamp, as a hostile client would. */
function rawNote(doc: Y.Doc, id: string, authorId: string, text: string): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('text', new Y.Text(text));
    for (const [k, v] of Object.entries({ x: 0, y: 0, color: 'yellow', authorId, authorName: 'Pia', authorSector: 'civil', where: 'room', scenarioId: null, createdAt: 1 })) m.set(k, v);
    notesOf(doc).set(id, m);
  });
}

describe('limits on what a room may hold', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { MAX_NOTES_PER_ROOM: '5', MAX_ROOM_BYTES: String(256 * 1024) } });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function room(phase: 'discussion' | 'priorities' = 'discussion') {
    const access = await createRoom(server);
    const fac = await joinRoom(server, access);
    const pia = await joinRoom(server, access, { role: 'participant' });
    const bystander = await joinRoom(server, access, { role: 'participant' });
    setPhase(fac.doc, phase);
    await waitFor(() => [pia, bystander].every((c) => c.doc.getMap('session').get('phase') === phase), { message: 'phase everywhere' });
    return { access, fac, pia, bystander };
  }

  /** Nothing of the refused update reached anyone: a later change arrives while the refused one never does. */
  async function expectNothingRelayed(fac: Joined, bystander: Joined, absent: (d: Y.Doc) => boolean): Promise<void> {
    const marker = createNote(fac.doc, { x: 0, y: 0, text: 'marker', author: author(fac, 'Fac') });
    await waitFor(() => getNote(bystander.doc, marker), { message: 'a later change arrives' });
    expect(absent(bystander.doc)).toBe(true);
    expect(absent(fac.doc)).toBe(true);
  }

  it('refuses a 100,000-character note, tells the sender why, and keeps serving everyone', async () => {
    const { access, fac, pia, bystander } = await room();
    rawNote(pia.doc, 'huge-note-00001', pia.creds.participantId!, 'x'.repeat(100_000));
    await waitFor(() => refusalOf(pia), { message: 'refusal' });
    expect(refusalOf(pia)).toMatchObject({ reason: 'limit' });
    expect(refusalOf(pia)!.detail).toContain(String(MAX_NOTE_TEXT));
    await expectNothingRelayed(fac, bystander, (d) => !notesOf(d).has('huge-note-00001'));
    // Not stored either: a fresh client never sees it.
    const fresh = await joinRoom(server, access, { as: bystander.creds });
    expect(notesOf(fresh.doc).has('huge-note-00001')).toBe(false);
    // Rebuilt from the server (as the web client does after a refusal), the sender carries on within the limit.
    pia.destroy();
    const again = await joinRoom(server, access, { as: pia.creds });
    const ok = createNote(again.doc, { x: 0, y: 0, text: 'y'.repeat(MAX_NOTE_TEXT + 500), author: author(again) });
    await waitFor(() => getNote(fac.doc, ok)?.text.length === MAX_NOTE_TEXT, { message: 'a note clamped to the limit arrives' });
  });

  it('refuses the note past the per-room cap, and accepts one again after a delete', async () => {
    const { fac, pia, bystander } = await room();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(createNote(pia.doc, { x: i * 10, y: 0, text: `idea ${i}`, author: author(pia) }));
    await waitFor(() => listNotes(fac.doc).length === 4, { message: 'four notes' });
    createNote(fac.doc, { x: 0, y: 0, text: 'fifth', author: author(fac, 'Fac') });
    await waitFor(() => listNotes(bystander.doc).length === 5, { message: 'five notes' });
    const sixth = createNote(pia.doc, { x: 0, y: 0, text: 'one too many', author: author(pia) });
    await waitFor(() => refusalOf(pia), { message: 'refusal' });
    expect(refusalOf(pia)).toMatchObject({ reason: 'limit' });
    expect(refusalOf(pia)!.detail).toContain('5 notes');
    expect(getNote(bystander.doc, sixth)).toBeNull();
    expect(listNotes(fac.doc)).toHaveLength(5);
    deleteNote(fac.doc, ids[0]!);
    const fits = createNote(bystander.doc, { x: 0, y: 0, text: 'fits again', author: author(bystander, 'Bo') });
    await waitFor(() => getNote(fac.doc, fits), { message: 'a note fits again after a delete' });
    expect(refusalOf(bystander)).toBeUndefined();
  });

  it('refuses growth past the document size cap', async () => {
    const { fac, pia } = await room();
    // Few notes, each near the text limit and rewritten: the document grows with every edit.
    const id = createNote(fac.doc, { x: 0, y: 0, text: 'a', author: author(fac, 'Fac') });
    for (let i = 0; i < 200 && !refusalOf(fac); i++) {
      const t = fac.doc.getMap('notes').get(id) as Y.Map<unknown>;
      const text = t.get('text') as Y.Text;
      fac.doc.transact(() => {
        text.delete(0, text.length);
        text.insert(0, String(i % 10).repeat(MAX_NOTE_TEXT));
      });
      await waitFor(() => refusalOf(fac) || getNote(pia.doc, id)?.text.startsWith(String(i % 10)), { message: `edit ${i}` });
    }
    expect(refusalOf(fac)).toMatchObject({ reason: 'limit' });
    expect(refusalOf(fac)!.detail).toContain('full');
  });

  it('refuses open ballots over the per-item maximum, so card, results and participation count alike', async () => {
    const { fac, pia, bystander } = await room('priorities');
    setVoteSettings(fac.doc, { mode: 'open', maxPerItem: 3 });
    const note = createNote(fac.doc, { x: 0, y: 0, text: 'Piste ciclabili', author: author(fac, 'Fac') });
    await waitFor(() => getNote(pia.doc, note) && readVoteSettings(pia.doc).mode === 'open', { message: 'open voting everywhere' });
    votesOf(pia.doc).set(pia.creds.participantId!, { sector: 'civil', dots: { [note]: 5 }, updatedAt: 1 });
    await waitFor(() => refusalOf(pia), { message: 'refusal' });
    expect(refusalOf(pia)).toMatchObject({ reason: 'limit' });
    await expectNothingRelayed(fac, bystander, (d) => getBallot(d, pia.creds.participantId!) === null);

    // Within the rules the same ballot is taken, and every view counts it the same.
    const voter = { id: bystander.creds.participantId!, sector: 'private' as const };
    for (let i = 0; i < 4; i++) castDot(bystander.doc, voter, note);
    await waitFor(() => getBallot(fac.doc, voter.id)?.dots[note] === 3, { message: 'ballot relayed' });
    const card = tally(fac.doc).find((r) => r.id === note)?.dots;
    const results = openRoundResult(fac.doc)?.items.find((i) => i.id === note)?.dots;
    const participation = countedBallots(fac.doc).find((b) => b.participantId === voter.id)?.dots[note];
    expect([card, results, participation]).toEqual([3, 3, 3]);
  });
});

describe('secret votes racing a reveal', () => {
  it('never adds a vote to a round already scored', async () => {
    const server = await startServer();
    try {
      const access = await createRoom(server);
      const fac = await joinRoom(server, access);
      const voters = await Promise.all([0, 1, 2, 3].map(() => joinRoom(server, access, { role: 'participant' })));
      const items = ['Parco', 'Mercato', 'Piste'].map((text) => createNote(fac.doc, { x: 0, y: 0, text, author: author(fac, 'Fac') }));
      setPhase(fac.doc, 'priorities');
      await waitFor(() => voters.every((v) => items.every((n) => getNote(v.doc, n)) && v.doc.getMap('session').get('phase') === 'priorities'), {
        message: 'board everywhere',
      });
      // Every voter fires five dots without waiting, and the facilitator reveals in the middle of them.
      const sent: Promise<void>[] = [];
      for (let i = 0; i < 5; i++) {
        for (const v of voters) sent.push(v.control({ t: 'vote', itemId: items[i % items.length]!, delta: 1, sector: 'civil' }));
        if (i === 2) sent.push(fac.control({ t: 'revealVotes' }));
      }
      await Promise.all(sent);
      await waitFor(() => latestRoundResult(fac.doc), { message: 'results' });
      // Every vote is answered, taken or refused.
      await waitFor(() => voters.every((v) => v.controls.filter((m) => m.t === 'ballot' || m.t === 'voteRefused').length >= 5), { message: 'every vote answered' });
      const acknowledged = voters.map((v) => {
        const ballots = v.controls.filter((m): m is Extract<ServerControl, { t: 'ballot' }> => m.t === 'ballot' && m.round === 1);
        const last = ballots[ballots.length - 1];
        return last ? Object.values(last.dots).reduce((a, n) => a + n, 0) : 0;
      });
      const result = latestRoundResult(fac.doc)!;
      expect(result.round).toBe(1);
      // What each voter was told their ballot holds is exactly what the scored round counted.
      expect(result.dotsCast).toBe(acknowledged.reduce((a, n) => a + n, 0));
      for (const v of voters) {
        const refused = v.controls.filter((m) => m.t === 'voteRefused');
        expect(refused.every((m) => m.t === 'voteRefused' && m.reason === 'revealed')).toBe(true);
      }
    } finally {
      await server.stop();
    }
  });
});
