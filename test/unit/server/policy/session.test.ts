import { describe, expect, it } from 'vitest';
import { MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH } from '../../../../shared/documentSchemas';
import { sessionOf } from '../../../../shared/schema';
import { setCrowdThreshold, setLocked, setPhase, setPrompt, setTitle, startTimer } from '../../../../shared/session';
import { resultsOf, setVoteSettings } from '../../../../shared/voting';
import { ada, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

describe('the session policy', () => {
  it('leaves the session to the facilitator', () => {
    const b = policyBoard();
    expect(outcome(b.send(ada, (d) => setLocked(d, true)))).toBe('facilitator-only');
    expect(outcome(b.send(ada, (d) => setPhase(d, 'priorities')))).toBe('facilitator-only');
    for (const change of [
      (d: import('yjs').Doc) => setTitle(d, 'Nuovo titolo'),
      (d: import('yjs').Doc) => setPrompt(d, 'listening', 'Che cosa manca?'),
      (d: import('yjs').Doc) => startTimer(d, 60_000, 1000),
      (d: import('yjs').Doc) => setCrowdThreshold(d, 30),
      (d: import('yjs').Doc) => setVoteSettings(d, { mode: 'open' }),
    ]) {
      expect(outcome(b.send(facilitator, change))).toBe('ok');
    }
  });

  it('refuses settings outside the schema, from the facilitator too', () => {
    const b = policyBoard();
    const set = (key: string, value: unknown) => outcome(b.send(facilitator, (d) => sessionOf(d).set(key, value)));
    expect(set('title', 'x'.repeat(MAX_TITLE_LENGTH + 1))).toBe('schema');
    expect(set('prompts', { listening: 'x'.repeat(MAX_PROMPT_LENGTH + 1) })).toBe('schema');
    expect(set('prompts', { brainstorm: 'x' })).toBe('schema');
    expect(set('crowdThreshold', 1)).toBe('schema');
    expect(set('dotsPerPerson', 51)).toBe('schema');
    expect(set('voteSettings', { mode: 'open', maxPerItem: 0, k: 3, balanced: true })).toBe('schema');
    expect(set('timer', { state: 'running', endsAt: 1, remainingMs: -5 })).toBe('schema');
    expect(set('spotlight', { kind: 'note', id: 'x', at: 1, extra: true })).toBe('schema');
    expect(set('admin', true)).toBe('schema');
  });

  it('keeps results for the server alone', () => {
    const b = policyBoard();
    expect(outcome(b.send(facilitator, (d) => resultsOf(d).set('status', { round: 1, state: 'revealed' })))).toBe('schema');
  });
});
