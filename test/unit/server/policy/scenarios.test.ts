import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../../../../shared/documentSchemas';
import { createScenario, deleteScenario, renameScenario, resizeScenario } from '../../../../shared/scenarios';
import { scenariosOf } from '../../../../shared/schema';
import { setPhase } from '../../../../shared/session';
import { ada, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

describe('the scenarios policy', () => {
  it('opens scenarios to participants in the Scenarios phase only', () => {
    const b = policyBoard();
    b.setup((d) => setPhase(d, 'discussion'));
    expect(outcome(b.send(ada, (d) => createScenario(d, { name: 'Troppo presto', x: 0, y: 0 })))).toBe('phase');
    b.setup((d) => setPhase(d, 'scenarios'));
    let id = '';
    expect(outcome(b.send(ada, (d) => (id = createScenario(d, { name: 'Turismo lento', x: 0, y: 0 }))))).toBe('ok');
    expect(outcome(b.send(ada, (d) => renameScenario(d, id, 'Turismo dolce')))).toBe('ok');
    expect(outcome(b.send(ada, (d) => deleteScenario(d, id)))).toBe('ok');
  });

  it('refuses names past the limit and frames below the minimum size, from anyone', () => {
    const b = policyBoard();
    let id = '';
    b.setup((d) => (id = createScenario(d, { name: 'Energia', x: 0, y: 0 })));
    expect(outcome(b.send(facilitator, (d) => scenariosOf(d).get(id)!.set('name', 'x'.repeat(MAX_NAME_LENGTH + 1))))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => scenariosOf(d).get(id)!.set('w', 10)))).toBe('schema');
    expect(outcome(b.send(facilitator, (d) => resizeScenario(d, id, 10, 10)))).toBe('ok');
    expect(outcome(b.send(facilitator, (d) => scenariosOf(d).get(id)!.set('owner', 'me')))).toBe('schema');
  });

  it('caps the scenarios per room', () => {
    const b = policyBoard({ maxScenarios: 1 });
    b.setup((d) => createScenario(d, { name: 'Uno', x: 0, y: 0 }));
    expect(b.send(facilitator, (d) => createScenario(d, { name: 'Due', x: 0, y: 0 }))).toMatchObject({ ok: false, reason: 'limit' });
  });
});
