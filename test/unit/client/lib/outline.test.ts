/**
 * The outline as a screen reader reads it: the model built from a real
 * board (client/lib/outline.ts `outlineOf`) and the ordered headings,
 * items and text the outline view renders for it (`readOutline`).
 */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import * as Y from 'yjs';
import { commit, createAction, setLead, setPartners } from '../../../../shared/actions';
import { createNote, setNoteScenario, type Author } from '../../../../shared/notes';
import { createScenario } from '../../../../shared/scenarios';
import { RESULTS_STATUS_KEY } from '../../../../shared/documentSchemas';
import { scoreRound } from '../../../../shared/scoring';
import { initSession, setPhase, setPrompt } from '../../../../shared/session';
import { castDot } from '../../../../shared/votes';
import { countedBallots, itemRefs, resultsOf, roundKey } from '../../../../shared/voting';
import { loadResources } from '../../../../client/i18n/resources';
import { outlineOf, readOutline, viewerDots, type Translate } from '../../../../client/lib/outline';
import { VoteTotals } from '../../../../client/lib/voteTotals';

const ada: Author = { id: 'participant-ada', name: 'Ada', sector: 'public' };
const bo: Author = { id: 'participant-bo', name: 'Bo', sector: 'civil' };
const fa: Author = { id: 'facilitator-fa', name: 'Fa', sector: 'other', facilitator: true };

async function translator(lng: 'en' | 'it'): Promise<Translate> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { translation: loadResources()[lng]! } }, interpolation: { escapeValue: false } });
  return (key, options) => i18n.t(key, options) as string;
}

/** Two scenarios, five notes (one in no scenario), a secret round revealed by the server as it would. */
function workshopBoard(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Lambro river contract', now: 1 });
  const transport = createScenario(doc, { id: 'scenario-transport', name: 'Transport', x: 0, y: 0, now: 10 });
  const green = createScenario(doc, { id: 'scenario-green', name: 'Green banks', x: 1000, y: 0, now: 20 });
  // Written far from both frames, then put into them from the menu, as the outline does.
  const note = (id: string, text: string, author: Author, now: number): string => createNote(doc, { id, x: 0, y: 5000 + now * 10, text, author, now });
  const bus = note('note-bus0', 'More buses at night', ada, 100);
  const bikes = note('note-bikes', 'Safe bike lanes\nalong the river', bo, 110);
  const trees = note('note-trees', 'Plant trees on the banks', bo, 120);
  const walk = note('note-walk', 'A walk along the water', fa, 130);
  const bench = note('note-bench', 'Benches', ada, 140);
  setNoteScenario(doc, bus, transport);
  setNoteScenario(doc, bikes, transport);
  setNoteScenario(doc, trees, green);
  setNoteScenario(doc, walk, green);
  setPhase(doc, 'priorities');
  setPrompt(doc, 'priorities', 'What matters most?');
  // Dots as the server counts them on reveal; the ballots themselves never reach the board in a secret round.
  const tally = new Y.Doc();
  Y.applyUpdate(tally, Y.encodeStateAsUpdate(doc));
  castDot(tally, { id: ada.id, sector: 'public' }, transport);
  castDot(tally, { id: ada.id, sector: 'public' }, transport);
  castDot(tally, { id: bo.id, sector: 'civil' }, trees);
  castDot(tally, { id: bo.id, sector: 'civil' }, transport);
  const result = scoreRound(1, countedBallots(tally), itemRefs(tally));
  resultsOf(doc).set(roundKey(1), result);
  resultsOf(doc).set(RESULTS_STATUS_KEY, { round: 1, state: 'revealed' });
  return { doc, ids: { transport, green, bus, bikes, trees, walk, bench } };
}

describe('the outline of a board', () => {
  it('puts each note under its scenario, in the order written, and the rest in no scenario', () => {
    const { doc } = workshopBoard();
    const model = outlineOf(doc, { dots: viewerDots(new VoteTotals(doc), 'participant-ada') });
    expect(model.scenarios.map((s) => [s.name, s.notes.map((n) => n.id)])).toEqual([
      ['Transport', ['note-bus0', 'note-bikes']],
      ['Green banks', ['note-trees', 'note-walk']],
    ]);
    expect(model.loose.map((n) => n.id)).toEqual(['note-bench']);
    expect(model.scenarios[0]!.dots).toBe(3);
    expect(model.results?.items.map((i) => [i.label, i.dots, i.rank])).toEqual([
      ['Transport', 3, 1],
      ['Plant trees on the banks', 1, 2],
    ]);
  });

  it('reads two scenarios, five notes and the revealed results in order', async () => {
    const { doc } = workshopBoard();
    const t = await translator('en');
    expect(readOutline(outlineOf(doc, { dots: viewerDots(new VoteTotals(doc), 'participant-ada') }), t)).toEqual([
      'h1: Lambro river contract',
      'h2: Phase 4 of 5: Priorities',
      'p: What matters most?',
      'h2: Scenarios',
      'h3: Transport: 2 notes, 3 dots',
      'li: More buses at night — Ada, Public',
      'li: Safe bike lanes\nalong the river — Bo, Civil society',
      'h3: Green banks: 2 notes',
      'li: Plant trees on the banks — Bo, Civil society · 1 dot',
      'li: A walk along the water — Fa, facilitator',
      'h2: Notes in no scenario',
      'li: Benches — Ada, Public',
      'h2: Results, round 1',
      'li: 1. Transport: 3 dots',
      'li: 2. Plant trees on the banks: 1 dot',
    ]);
  });

  it('reads in Italian with the same structure', async () => {
    const { doc } = workshopBoard();
    const t = await translator('it');
    const lines = readOutline(outlineOf(doc, { dots: viewerDots(new VoteTotals(doc), 'participant-ada') }), t);
    expect(lines.filter((l) => /^h\d/.test(l))).toEqual([
      'h1: Lambro river contract',
      'h2: Fase 4 di 5: Priorità',
      'h2: Scenari',
      'h3: Transport: 2 note, 3 punti',
      'h3: Green banks: 2 note',
      'h2: Note fuori dagli scenari',
      'h2: Risultati, turno 1',
    ]);
  });

  it('hides totals while a secret round is open but says the viewer’s own dots', async () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'W' });
    createNote(doc, { id: 'note-one', x: 0, y: 0, text: 'Idea', author: ada });
    setPhase(doc, 'priorities');
    const t = await translator('en');
    const model = outlineOf(doc, { dots: { total: () => null, mine: (id) => (id === 'note-one' ? 2 : 0) } });
    expect(readOutline(model, t)).toContain('li: Idea — Ada, Public · 2 yours');
  });

  it('reads the action plan with its lead, partners and each sector’s commitment', async () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'W' });
    setPhase(doc, 'codesign');
    const id = createAction(doc, { title: 'Night buses', createdBy: ada.id });
    setLead(doc, id, { name: 'City of Milan', sector: 'public' });
    setPartners(doc, id, [{ name: 'Legambiente', sector: 'civil' }]);
    commit(doc, id, 'civil', { participantId: bo.id, name: 'Bo' });
    const t = await translator('en');
    const lines = readOutline(outlineOf(doc), t);
    expect(lines.slice(lines.indexOf('h2: Action plan'))).toEqual([
      'h2: Action plan',
      'h3: Night buses',
      'p: Lead: City of Milan, Public',
      'p: Partners: Legambiente (Civil society)',
      'li: Public: not yet',
      'li: Private: not yet',
      'li: Civil society: committed, Bo',
      'li: Other: not yet',
    ]);
  });

  it('lists a participant’s private drafts before the board, without dots', async () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'W' });
    const drafts = new Y.Doc();
    createNote(drafts, { id: 'draft-one', x: 0, y: 0, text: 'Only mine', author: ada });
    const t = await translator('en');
    expect(readOutline(outlineOf(doc, { drafts }), t).slice(2, 6)).toEqual([
      'p: Write your notes.',
      'h2: Your private notes',
      'li: Only mine',
      'h2: Scenarios',
    ]);
  });
});
