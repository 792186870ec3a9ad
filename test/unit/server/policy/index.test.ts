import { describe, expect, it } from 'vitest';
import { createNote } from '../../../../shared/notes';
import { notesOf } from '../../../../shared/schema';
import { setPhase } from '../../../../shared/session';
import { ada, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

describe('the write policy', () => {
  it('refuses roots it has no rules for, whoever writes', () => {
    const b = policyBoard();
    expect(b.send(facilitator, (d) => d.getMap('evil').set('x', 1))).toMatchObject({ ok: false, reason: 'schema' });
    expect(outcome(b.send(facilitator, (d) => d.getArray('notes-list').insert(0, [1])))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => d.getText('scratch').insert(0, 'x')))).toBe('schema');
  });

  it('refuses a whole update when one part of it is refused', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    const v = b.send(ada, (d) =>
      d.transact(() => {
        createNote(d, { x: 0, y: 0, text: 'fine', author: { id: ada.participantId!, name: 'Ada', sector: 'civil' } });
        d.getMap('session').set('locked', true);
      }),
    );
    expect(outcome(v)).toBe('facilitator-only');
    expect(notesOf(b.doc).size).toBe(0);
  });

  it('refuses growth past the document size cap, yet lets things be removed', () => {
    const b = policyBoard({ maxDocBytes: 4000 });
    const author = { id: facilitator.participantId!, name: 'Fac', sector: 'public' as const };
    let id = '';
    b.setup((d) => (id = createNote(d, { x: 0, y: 0, text: 'x'.repeat(1500), author })));
    b.setup((d) => createNote(d, { x: 0, y: 0, text: 'y'.repeat(1500), author }));
    expect(b.send(facilitator, (d) => createNote(d, { x: 0, y: 0, text: 'z'.repeat(1500), author }))).toMatchObject({ ok: false, reason: 'limit' });
    expect(outcome(b.send(facilitator, (d) => notesOf(d).delete(id)))).toBe('ok');
  });

  it('ignores updates that change nothing', () => {
    const b = policyBoard();
    expect(outcome(b.send(ada, () => undefined))).toBe('ok');
  });
});
