import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, commit, createAction, editActionText, listActions, setPartners, withdraw } from '../../shared/actions';
import { setPhase, getSession } from '../../shared/session';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

describe('co-design action cards', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function setup(phase: 'codesign' | 'discussion' = 'codesign') {
    const room = await createRoom(server);
    const fac = await joinRoom(server, room);
    const ada = await joinRoom(server, room, { role: 'participant' });
    const bo = await joinRoom(server, room, { role: 'participant' });
    const obs = await joinRoom(server, room, { role: 'observer' });
    setPhase(fac.doc, phase);
    await waitFor(() => [ada, bo, obs].every((c) => getSession(c.doc).phase === phase));
    return { room, fac, ada, bo, obs };
  }

  it('lets two people build one action card together and shows which sectors committed', async () => {
    const { fac, ada, bo } = await setup();
    const id = createAction(ada.doc, { title: 'Greenway along the Olona', createdBy: ada.creds.participantId! });
    await waitFor(() => actionsOf(bo.doc).has(id));
    editActionText(ada.doc, id, 'objective', 'Connect the towns by bike');
    setPartners(bo.doc, id, [{ name: 'Bike Coop', sector: 'civil' }, { name: 'Comune di Legnano', sector: 'public' }]);
    commit(bo.doc, id, 'civil', { participantId: bo.creds.participantId!, name: 'Bo' }, 'volunteers on weekends');
    commit(ada.doc, id, 'public', { participantId: ada.creds.participantId!, name: 'Ada' });
    await waitFor(() => {
      const card = listActions(fac.doc)[0];
      return card && card.objective === 'Connect the towns by bike' && card.committedSectors.length === 2 && card.partners.length === 2;
    }, { message: 'card converged at the facilitator' });
    const card = listActions(fac.doc)[0]!;
    expect(card.committedSectors).toEqual(['public', 'civil']);
    expect(card.missingSectors).toEqual(['private', 'other']);
    expect(card.commitments.civil).toMatchObject({ name: 'Bo', note: 'volunteers on weekends' });
  });

  it("refuses a commitment signed as someone else, and withdrawing someone else's", async () => {
    const { room, fac, ada, bo } = await setup();
    const id = createAction(fac.doc, { title: 'Flood map', createdBy: fac.creds.participantId! });
    await waitFor(() => actionsOf(ada.doc).has(id) && actionsOf(bo.doc).has(id));
    commit(ada.doc, id, 'private', { participantId: bo.creds.participantId!, name: 'Bo' });
    await waitFor(() => ada.controls.find((c) => c.t === 'refused'));
    expect(ada.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'not-yours' });

    commit(bo.doc, id, 'civil', { participantId: bo.creds.participantId!, name: 'Bo' });
    await waitFor(() => listActions(fac.doc)[0]?.committedSectors.includes('civil'));
    // A fresh replica of Ada's, so her earlier refused change does not ride along.
    const fresh = await joinRoom(server, room, { as: ada.creds });
    withdraw(fresh.doc, id, 'civil');
    await waitFor(() => fresh.controls.find((c) => c.t === 'refused'));
    expect(fresh.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'not-yours' });
  });

  it('opens action cards to participants only in Co-design, never to observers', async () => {
    const { fac, ada, obs } = await setup('discussion');
    createAction(ada.doc, { title: 'Too early', createdBy: ada.creds.participantId! });
    await waitFor(() => ada.controls.find((c) => c.t === 'refused'));
    expect(ada.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'phase' });
    createAction(obs.doc, { title: 'Observer', createdBy: 'observer-1' });
    await waitFor(() => obs.controls.find((c) => c.t === 'refused'));
    expect(listActions(fac.doc)).toEqual([]);
  });

  it('refuses malformed cards from anyone', async () => {
    const { fac } = await setup();
    const id = createAction(fac.doc, { title: 'ok', createdBy: fac.creds.participantId! });
    actionsOf(fac.doc).get(id)!.set('partners', [{ name: 'x', sector: 'military' }]);
    await waitFor(() => fac.controls.find((c) => c.t === 'refused'));
    expect(fac.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'schema' });
  });
});
