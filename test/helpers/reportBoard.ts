/**
 * A finished river-contract workshop as a board file, for the README's
 * report screenshot: three scenarios with their notes, a revealed round
 * scored by the real scorer, and two action cards with commitments.
 */
import * as Y from 'yjs';
import { commit, createAction, editActionText, setLead, setPartners } from '../../shared/actions';
import { RESULTS_STATUS_KEY } from '../../shared/documentSchemas';
import { exportBoard, type BoardExport } from '../../shared/export/boardJson';
import { createNote, setNoteScenario } from '../../shared/notes';
import { createScenario } from '../../shared/scenarios';
import type { Sector } from '../../shared/schema';
import { scoreRound, type RoundBallot } from '../../shared/scoring';
import { initSession, setPhase, setPrompt } from '../../shared/session';
import { itemRefs, resultsOf, roundKey } from '../../shared/voting';

const SCENARIOS: [string, 'teal' | 'indigo' | 'amber', [string, Sector][]][] = [
  ['Un fiume da vivere', 'teal', [['Pista ciclabile lungo l’Olona', 'public'], ['Punti di accesso per le canoe', 'civil'], ['Un parco fluviale a Castellanza', 'private']]],
  ['Acqua pulita', 'indigo', [['Rinaturalizzare le zone umide a Legnano', 'civil'], ['Controlli sugli scarichi industriali', 'public']]],
  ['Sicurezza idraulica', 'amber', [['Mappa del rischio alluvioni per ogni comune', 'public'], ['Casse di espansione condivise', 'private']]],
];

export function reportBoardFile(): BoardExport {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Contratto di fiume Olona', now: Date.UTC(2026, 10, 28, 9) });
  setPrompt(doc, 'listening', 'Come vorremmo l’Olona nel 2030?');
  setPrompt(doc, 'codesign', 'Chi fa cosa, con quali risorse, entro quando?');
  setPhase(doc, 'codesign');
  const scenarioIds: string[] = [];
  let n = 0;
  SCENARIOS.forEach(([name, color, notes], i) => {
    const id = createScenario(doc, { name, color, x: i * 720, y: 0, now: i });
    scenarioIds.push(id);
    for (const [text, sector] of notes) {
      const noteId = createNote(doc, { x: 4000, y: 4000 + n * 200, text, author: { id: `person-${n}-xx`, name: `Persona ${n}`, sector, where: n % 3 ? 'room' : 'remote' }, now: 10 + n });
      setNoteScenario(doc, noteId, id);
      n++;
    }
  });
  const [live, clean, safe] = scenarioIds as [string, string, string];
  const ballots: RoundBallot[] = [];
  const vote = (sector: Sector, count: number, dots: Record<string, number>): void => {
    for (let i = 0; i < count; i++) ballots.push({ participantId: `voter-${sector}-${i}-x`, sector, where: 'room', dots });
  };
  vote('public', 4, { [live]: 2, [safe]: 2, [clean]: 1 });
  vote('private', 3, { [live]: 3, [safe]: 1 });
  vote('civil', 4, { [live]: 2, [clean]: 3 });
  vote('other', 1, { [clean]: 2 });
  doc.transact(() => {
    resultsOf(doc).set(RESULTS_STATUS_KEY, { round: 1, state: 'revealed' });
    resultsOf(doc).set(roundKey(1), scoreRound(1, ballots, itemRefs(doc), 3));
  });
  const park = createAction(doc, { title: 'Parco fluviale dell’Olona', fromItemId: live, createdBy: 'person-0-xx', now: 100 });
  editActionText(doc, park, 'objective', 'Un percorso continuo lungo il fiume da Legnano a Castellanza.');
  setLead(doc, park, { name: 'Comune di Legnano', sector: 'public' });
  setPartners(doc, park, [{ name: 'Legambiente Olona', sector: 'civil' }, { name: 'Consorzio imprese', sector: 'private' }]);
  commit(doc, park, 'public', { participantId: 'person-0-xx', name: 'Giulia Rossi' }, 'progetto e fondi 2027', 101);
  commit(doc, park, 'civil', { participantId: 'person-1-xx', name: 'Marco Bianchi' }, 'volontari per la manutenzione', 102);
  return exportBoard(doc, Date.UTC(2026, 10, 30, 18));
}
