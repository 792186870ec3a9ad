/**
 * A finished workshop built by real Yjs clients against the real server,
 * for the export tests: three participants of three sectors writing hostile
 * texts and emoji, a scenario, a revealed secret round, and an action card
 * with lead, partners and a commitment. Call it inside a test (the clients
 * belong to it); the facilitator's client is returned, still connected.
 */
import { commit, createAction, editActionText, listActions, setLead, setPartners } from '../../shared/actions';
import { createNote, setNoteScenario } from '../../shared/notes';
import { createScenario } from '../../shared/scenarios';
import { notesOf } from '../../shared/schema';
import { setPhase, setPrivateWriting, setPrompt } from '../../shared/session';
import { latestRoundResult } from '../../shared/voting';
import type { Credentials, RoomAccess, RunningServer } from './server';
import { waitFor } from './waitFor';
import { joinRoom, type TestClient } from './yclient';

export const HOSTILE = '"; =SUM(A1) <script>alert(1)</script> # heading\n[link](x)';
export const WORKSHOP_TEXTS = [HOSTILE, '<img src=x onerror=alert(1)> 🌊 fiume, "pulito"; sempre', '@cmd|calc -1+1 🚲\r\nseconda riga', 'Semplice nota'];
export const SCENARIO_NAME = 'Fiume [vivo](x)';

export async function buildWorkshop(server: RunningServer, room: RoomAccess): Promise<TestClient & { creds: Credentials }> {
  const TEXTS = WORKSHOP_TEXTS;
  const fac = await joinRoom(server, room);
  const people = await Promise.all([0, 1, 2].map(() => joinRoom(server, room, { role: 'participant' })));
  const sectors = ['civil', 'private', 'public'] as const;
  setPrivateWriting(fac.doc, false);
  setPrompt(fac.doc, 'listening', 'Come vorremmo il fiume? <b>');
  const scenario = createScenario(fac.doc, { name: SCENARIO_NAME, x: 0, y: 0 });
  await waitFor(() => people.every((p) => p.doc.getMap('scenarios').has(scenario)), { message: 'scenario everywhere' });
  const notes = people.map((p, i) =>
    createNote(p.doc, {
      x: 2000 + i * 220,
      y: 2000,
      text: TEXTS[i]!,
      author: { id: p.creds.participantId!, name: `Persona ${i} "x"`, sector: sectors[i]!, where: i === 1 ? 'remote' : 'room' },
    }),
  );
  const facNote = createNote(fac.doc, { x: 2000, y: 2400, text: TEXTS[3]!, author: { id: fac.creds.participantId!, name: 'Fac', sector: 'other', facilitator: true } });
  await waitFor(() => [...notes, facNote].every((id) => notesOf(fac.doc).has(id)), { message: 'notes on the board' });
  setNoteScenario(fac.doc, notes[0]!, scenario);
  setNoteScenario(fac.doc, notes[1]!, scenario);
  setPhase(fac.doc, 'priorities');
  await waitFor(() => people.every((p) => p.doc.getMap('session').get('phase') === 'priorities'), { message: 'priorities' });
  for (const [i, p] of people.entries()) {
    for (const item of [scenario, notes[i]!]) {
      await p.control({ t: 'vote', itemId: item, delta: 1, sector: sectors[i]!, where: 'room' });
      await waitFor(() => p.controls.some((m) => m.t === 'ballot' && m.dots[item] === 1), { message: 'vote counted' });
    }
  }
  await fac.control({ t: 'revealVotes' });
  await waitFor(() => latestRoundResult(fac.doc), { message: 'round revealed' });
  setPhase(fac.doc, 'codesign');
  const action = createAction(fac.doc, { title: 'Parco <fluviale>', fromItemId: scenario, createdBy: fac.creds.participantId! });
  editActionText(fac.doc, action, 'objective', '# Riaprire\n[le sponde](x)');
  setLead(fac.doc, action, { name: 'Comune', sector: 'public' });
  setPartners(fac.doc, action, [{ name: 'Legambiente', sector: 'civil' }]);
  await waitFor(() => people[0]!.doc.getMap('actions').has(action), { message: 'action everywhere' });
  commit(people[0]!.doc, action, 'civil', { participantId: people[0]!.creds.participantId!, name: 'Persona 0' }, 'volontari 🌿');
  await waitFor(() => listActions(fac.doc)[0]?.committedSectors.includes('civil'), { message: 'commitment' });
  for (const p of people) p.destroy();
  return fac;
}
