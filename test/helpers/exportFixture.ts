/**
 * A small finished workshop as a Y.Doc, for the export builders' unit tests:
 * two scenarios, notes with hostile text and emoji, a revealed secret round
 * scored by the real scorer (with one sector under the anonymity guard),
 * and an action card with lead, partners and commitments.
 */
import * as Y from 'yjs';
import { commit, createAction, editActionText, setLead, setPartners } from '../../shared/actions';
import { createNote, setNoteScenario } from '../../shared/notes';
import { createScenario } from '../../shared/scenarios';
import { scoreRound, type RoundBallot } from '../../shared/scoring';
import { initSession, setPhase, setPrompt } from '../../shared/session';
import { RESULTS_STATUS_KEY } from '../../shared/documentSchemas';
import { itemRefs, resultsOf, roundKey } from '../../shared/voting';

export const HOSTILE = '"; =SUM(A1) <script>alert(1)</script> # heading\n[link](x) ![img](y) 🌊🚲';
export const FORMULA = '=HYPERLINK("http://evil.example","click"), ok; done';

export interface Fixture {
  doc: Y.Doc;
  ids: { river: string; school: string; hostile: string; formula: string; cycle: string; loose: string; action: string };
}

export function buildFixture(): Fixture {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Contratto di fiume <Olona> # 1', now: Date.UTC(2026, 10, 30, 9) });
  setPrompt(doc, 'listening', 'Come vorremmo l’Olona nel 2030?');
  setPhase(doc, 'codesign');
  const author = (id: string, sector: 'public' | 'private' | 'civil' | 'other', where: 'room' | 'remote' = 'room') => ({ id, name: `Name ${id}`, sector, where });
  const river = createScenario(doc, { id: 'scenario-river', name: 'Fiume vivo [x](y)', x: 0, y: 0, color: 'teal', now: 1 });
  const school = createScenario(doc, { id: 'scenario-school', name: 'Scuole', x: 800, y: 0, color: 'rose', now: 2 });
  const note = (id: string, text: string, who: ReturnType<typeof author>, scenarioId: string | null, now: number) => {
    // Loose notes lie well below the frames, so nothing drops them into one.
    createNote(doc, { id, x: now * 10, y: scenarioId ? 40 : 2000, text, author: who, now });
    if (scenarioId) setNoteScenario(doc, id, scenarioId);
    return id;
  };
  const hostile = note('note-hostile', HOSTILE, author('person-ada', 'civil'), river, 10);
  const formula = note('note-formula', FORMULA, author('person-bo', 'private', 'remote'), river, 11);
  const cycle = note('note-cycle', 'Pista ciclabile, "sicura"; per tutti\nanche di sera', author('person-cy', 'public'), school, 12);
  const loose = note('note-loose', '+39 333 — @mention -minus', author('person-di', 'public', 'remote'), null, 13);
  // Three public, three civil, one private voter: the private part is guarded (k = 3).
  const ballots: RoundBallot[] = [
    { participantId: 'voter-p1', sector: 'public', where: 'room', dots: { [river]: 2, [cycle]: 1 } },
    { participantId: 'voter-p2', sector: 'public', where: 'room', dots: { [river]: 1, [hostile]: 1 } },
    { participantId: 'voter-p3', sector: 'public', where: 'remote', dots: { [river]: 1 } },
    { participantId: 'voter-c1', sector: 'civil', where: 'room', dots: { [river]: 1, [hostile]: 2 } },
    { participantId: 'voter-c2', sector: 'civil', where: 'room', dots: { [river]: 1 } },
    { participantId: 'voter-c3', sector: 'civil', where: 'remote', dots: { [river]: 2 } },
    { participantId: 'voter-v1', sector: 'private', where: 'room', dots: { [river]: 1, [formula]: 3 } },
  ];
  const round = scoreRound(1, ballots, itemRefs(doc), 3);
  doc.transact(() => {
    resultsOf(doc).set(RESULTS_STATUS_KEY, { round: 1, state: 'revealed' });
    resultsOf(doc).set(roundKey(1), round);
  });
  const action = createAction(doc, { id: 'action-river', title: 'Parco fluviale <b>', fromItemId: river, createdBy: 'person-ada', now: 20 });
  editActionText(doc, action, 'objective', 'Riaprire le sponde\n# non un titolo');
  setLead(doc, action, { name: 'Comune di Legnano', sector: 'public' });
  setPartners(doc, action, [{ name: 'Legambiente', sector: 'civil' }, { name: 'Coop [x]', sector: 'private' }]);
  commit(doc, action, 'public', { participantId: 'person-cy', name: 'Cy' }, 'Fondi 2027', 30);
  commit(doc, action, 'civil', { participantId: 'person-ada', name: 'Ada' }, '', 31);
  return { doc, ids: { river, school, hostile, formula, cycle, loose, action } };
}
