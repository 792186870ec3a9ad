import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_ACTION_TEXT } from '../../../../shared/documentSchemas';
import { actionText, actionsOf, commit, createAction, deleteAction, editActionText, setLead, withdraw } from '../../../../shared/actions';
import { setPhase } from '../../../../shared/session';
import { ada, bo, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

function codesign(limits = {}) {
  const b = policyBoard(limits);
  b.setup((d) => setPhase(d, 'codesign'));
  return b;
}

describe('the action cards policy', () => {
  it('lets participants create and edit cards in Co-design, as themselves', () => {
    const b = codesign();
    let id = '';
    expect(outcome(b.send(ada, (d) => (id = createAction(d, { title: 'Greenway', createdBy: ada.participantId! }))))).toBe('ok');
    expect(outcome(b.send(bo, (d) => editActionText(d, id, 'objective', 'Ridurre le auto')))).toBe('ok');
    expect(outcome(b.send(bo, (d) => setLead(d, id, { name: 'Comune', sector: 'public' })))).toBe('ok');
    expect(outcome(b.send(bo, (d) => commit(d, id, 'civil', { participantId: bo.participantId!, name: 'Bo' })))).toBe('ok');
    expect(outcome(b.send(ada, (d) => withdraw(d, id, 'civil')))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => deleteAction(d, id)))).toBe('not-yours');
    expect(outcome(b.send(ada, (d) => deleteAction(d, id)))).toBe('ok');
    expect(outcome(b.send(ada, (d) => createAction(d, { title: 'Impostor', createdBy: bo.participantId! })))).toBe('not-yours');
  });

  it('refuses cards outside Co-design', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'priorities'));
    expect(outcome(b.send(ada, (d) => createAction(d, { title: 'Too early', createdBy: ada.participantId! })))).toBe('phase');
  });

  it('refuses text fields past their limit and cards past the cap', () => {
    const b = codesign({ maxActions: 1 });
    let id = '';
    b.setup((d) => (id = createAction(d, { title: 'Flood map', createdBy: facilitator.participantId! })));
    expect(outcome(b.send(facilitator, (d) => actionText(d, id, 'timeline')!.insert(0, 'x'.repeat(MAX_ACTION_TEXT + 1))))).toBe('limit');
    expect(outcome(b.send(facilitator, (d) => actionText(d, id, 'timeline')!.insert(0, 'x'.repeat(MAX_ACTION_TEXT))))).toBe('ok');
    expect(outcome(b.send(facilitator, (d) => createAction(d, { title: 'Second', createdBy: facilitator.participantId! })))).toBe('limit');
    expect(outcome(b.send(facilitator, (d) => actionsOf(d).get(id)!.set('partners', new Array(31).fill({ name: 'x', sector: 'civil' }))))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => actionsOf(d).get(id)!.set('objective', new Y.Map())))).toBe('schema');
  });
});
