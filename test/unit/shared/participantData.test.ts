import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionsOf, commit, createAction, readAction } from '../../../shared/actions';
import { createNote, getNote } from '../../../shared/notes';
import { PARTICIPANT_ROOTS, collectContributions, draftNotes, eraseContributions, eraseDrafts, type ParticipantRoot } from '../../../shared/participantData';
import { votesOf } from '../../../shared/schema';
import { listRoundResults, resultsOf, roundKey } from '../../../shared/voting';
import { scoreRound } from '../../../shared/scoring';

const ada = { id: 'ada-participant', name: 'Ada', sector: 'civil' as const };
const bo = { id: 'bo-participant1', name: 'Bo', sector: 'private' as const };

function board() {
  const doc = new Y.Doc();
  const adaNote = createNote(doc, { x: 0, y: 0, text: 'Piste ciclabili\nlungo il fiume', author: ada, now: 2 });
  const boNote = createNote(doc, { x: 0, y: 0, text: 'Mercato', author: bo, now: 1 });
  const action = createAction(doc, { title: 'Ciclovia', createdBy: bo.id });
  commit(doc, action, 'civil', { participantId: ada.id, name: 'Ada' }, 'volontari', 5);
  commit(doc, action, 'private', { participantId: bo.id, name: 'Bo' }, 'fondi', 6);
  votesOf(doc).set(ada.id, { sector: 'civil', dots: { [boNote]: 1 }, updatedAt: 7 });
  votesOf(doc).set(bo.id, { sector: 'private', dots: { [adaNote]: 1 }, updatedAt: 8 });
  const items = [
    { id: adaNote, kind: 'note' as const, label: 'Piste ciclabili' },
    { id: boNote, kind: 'note' as const, label: 'Mercato' },
  ];
  const ballots = [
    { participantId: ada.id, sector: 'civil' as const, dots: { [boNote]: 1 } },
    { participantId: bo.id, sector: 'private' as const, dots: { [adaNote]: 1 } },
  ];
  resultsOf(doc).set(roundKey(1), scoreRound(1, ballots, items, 1));
  return { doc, adaNote, boNote, action };
}

describe("a participant's data in a board", () => {
  it('collects their notes, commitments and open ballot, and nobody else\'s', () => {
    const { doc, adaNote } = board();
    const mine = collectContributions(doc, ada.id);
    expect(mine.notes).toEqual([expect.objectContaining({ id: adaNote, text: 'Piste ciclabili\nlungo il fiume', authorName: 'Ada' })]);
    expect(mine.commitments).toEqual([expect.objectContaining({ sector: 'civil', note: 'volontari', actionTitle: 'Ciclovia' })]);
    expect(mine.openBallot).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain('Mercato');
  });

  it('erases them in one transaction, keeping the others and the revealed tallies with the erased label blanked', () => {
    const { doc, adaNote, boNote, action } = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(eraseContributions(doc, ada.id)).toEqual({ notes: 1, commitments: 1, openBallot: 1 , comments: 0, reactions: 0 });
    expect(transactions).toBe(1);
    expect(getNote(doc, adaNote)).toBeNull();
    expect(getNote(doc, boNote)?.text).toBe('Mercato');
    expect(readAction(action, actionsOf(doc).get(action)!).committedSectors).toEqual(['private']);
    expect([...votesOf(doc).keys()]).toEqual([bo.id]);
    const [round] = listRoundResults(doc);
    expect(round!.items.map((i) => [i.id, i.label, i.dots])).toEqual(
      expect.arrayContaining([
        [adaNote, '', 1],
        [boNote, 'Mercato', 1],
      ]),
    );
    expect(round!.voters).toBe(2);
  });

  it('takes a new root through the same list', () => {
    const { doc } = board();
    const seen: string[] = [];
    const extra: ParticipantRoot = {
      name: 'comments',
      collect: (_d, pid) => [pid],
      erase: (_d, pid, ctx) => (seen.push(`${pid}:${ctx.erasedItems.size}`), 2),
    };
    const roots = [...PARTICIPANT_ROOTS, extra];
    expect(collectContributions(doc, ada.id, roots).comments).toEqual([ada.id]);
    expect(eraseContributions(doc, ada.id, roots)).toMatchObject({ notes: 1, comments: 2 });
    // Runs after the notes root, which told it which items went.
    expect(seen).toEqual([`${ada.id}:1`]);
  });

  it('empties a drafts document whatever its notes say about their author', () => {
    const drafts = new Y.Doc();
    createNote(drafts, { x: 0, y: 0, text: 'bozza', author: ada });
    createNote(drafts, { x: 0, y: 0, text: 'altra', author: { ...ada, id: 'someone-else1' } });
    expect(draftNotes(drafts).map((n) => n.text).sort()).toEqual(['altra', 'bozza']);
    expect(eraseDrafts(drafts)).toBe(2);
    expect(draftNotes(drafts)).toEqual([]);
  });
});
