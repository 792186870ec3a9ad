import { describe, expect, it } from 'vitest';
import { openWindow, type OpenWindow } from '../../../../shared/consultation';
import { createNote, editNoteText } from '../../../../shared/notes';
import { notesOf, readNote, readSession, sessionOf } from '../../../../shared/schema';
import { addReaction, listReactions, reactionKey, reactionsOf } from '../../../../shared/reactions';
import { setPhase } from '../../../../shared/session';
import { setVoteSettings } from '../../../../shared/voting';
import { votesOf } from '../../../../shared/schema';
import { ada, facilitator, observer, outcome, policyBoard } from '../../../helpers/policyBoard';

const as = (a: typeof ada) => ({ id: a.participantId!, name: 'Ada', sector: 'civil' as const });
const HOUR = 3600_000;
const window = (over: Partial<OpenWindow> = {}): OpenWindow => ({
  opens: { notes: true, comments: false, reactions: false, voting: false },
  prompt: 'Che cosa manca?',
  deadline: Date.now() + HOUR,
  autoReveal: false,
  ...over,
});

describe('the write policy between meetings', () => {
  it("refuses participants' notes and votes with 'closed' while the meeting is closed and no window is open", () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    b.setup((d) => sessionOf(d).set('meeting', 'closed'));
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'tardi', author: as(ada) })))).toBe('closed');
    b.setup((d) => setVoteSettings(d, { mode: 'open' }));
    expect(outcome(b.send(ada, (d) => votesOf(d).set(ada.participantId!, { sector: 'civil', dots: {}, updatedAt: 1 })))).toBe('closed');
    // The facilitator prepares the next meeting meanwhile.
    expect(outcome(b.send(facilitator, (d) => createNote(d, { x: 0, y: 0, text: 'ordine del giorno', author: as(facilitator) })))).toBe('ok');
  });

  it('accepts during an open window only what it opens, with the window as origin', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'scenarios')); // writing is closed in this phase, the window opens it anyway
    const w = openWindow(b.doc, window(), Date.now());
    let id = '';
    expect(outcome(b.send(ada, (d) => (id = createNote(d, { x: 0, y: 0, text: 'idea', author: as(ada), origin: w.id }))))).toBe('ok');
    expect(readNote(id, notesOf(b.doc).get(id)!).origin).toBe(w.id);
    expect(outcome(b.send(ada, (d) => editNoteText(d, id, 'idea migliore')))).toBe('ok');
    // Claiming the meeting, or leaving the origin out, is refused.
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'x', author: as(ada), origin: 'meeting' })))).toBe('schema');
    expect(
      outcome(
        b.send(ada, (d) => {
          const nid = createNote(d, { x: 0, y: 0, text: 'x', author: as(ada) });
          notesOf(d).get(nid)!.delete('origin');
        }),
      ),
    ).toBe('schema');
    // Voting and scenarios are not opened by this window.
    b.setup((d) => setVoteSettings(d, { mode: 'open' }));
    expect(outcome(b.send(ada, (d) => votesOf(d).set(ada.participantId!, { sector: 'civil', dots: {}, updatedAt: 1 })))).toBe('closed');
    expect(outcome(b.send(observer, (d) => createNote(d, { x: 0, y: 0, text: 'x', author: as(ada), origin: w.id })))).toBe('read-only');
  });

  it('records where a reaction was given: the open window, never the meeting or nothing during it, and no window in a meeting', () => {
    const b = policyBoard();
    let note = '';
    b.setup((d) => (note = createNote(d, { x: 0, y: 0, text: 'idea', author: as(facilitator) })));
    const mine = { itemId: note, participantId: ada.participantId!, kind: 'agree' as const, sector: 'civil' as const };
    const key = reactionKey(mine);
    // In the meeting: 'meeting', or no origin from an older client; a window that is not open is refused.
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key, { sector: 'civil', at: 1, origin: 'w-notopenyet1' })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => addReaction(d, mine)))).toBe('ok');
    expect(listReactions(b.doc)[0]!.origin).toBe('meeting');
    b.setup((d) => reactionsOf(d).delete(key));
    b.setup((d) => sessionOf(d).set('meeting', 'closed'));
    const w = openWindow(b.doc, window({ opens: { notes: false, comments: false, reactions: true, voting: false } }), Date.now());
    expect(outcome(b.send(ada, (d) => addReaction(d, { ...mine, origin: 'meeting' })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key, { sector: 'civil', at: 1 })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => addReaction(d, { ...mine, origin: w.id })))).toBe('ok');
    expect(listReactions(b.doc).map((r) => r.origin)).toEqual([w.id]);
  });

  it('refuses a write after the deadline even before the server has closed the window', () => {
    const b = policyBoard();
    const w = openWindow(b.doc, window(), Date.now());
    // The window is still in the board, but its deadline has passed on the server's clock.
    sessionOf(b.doc).set('consultation', { ...w, deadline: Date.now() - 1 });
    expect(readSession(b.doc).consultation?.id).toBe(w.id);
    expect(outcome(b.send(ada, (d) => createNote(d, { x: 0, y: 0, text: 'tardi', author: as(ada), origin: w.id })))).toBe('closed');
  });

  it('lets no client write the window, the facilitator included: it comes with its schedule', () => {
    const b = policyBoard();
    const forged = { id: 'A'.repeat(22), opens: window().opens, prompt: '', deadline: Date.now() + HOUR, autoReveal: false, openedAt: 1 };
    expect(outcome(b.send(facilitator, (d) => sessionOf(d).set('consultation', forged)))).toBe('facilitator-only');
    expect(outcome(b.send(facilitator, (d) => sessionOf(d).set('consultations', [])))).toBe('facilitator-only');
    expect(outcome(b.send(facilitator, (d) => sessionOf(d).set('meeting', 'closed')))).toBe('ok');
  });
});
