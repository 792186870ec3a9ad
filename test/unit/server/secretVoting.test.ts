import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { log } from '../../../server/log';
import type { Peer } from '../../../server/rooms/peer';
import { RoomRegistry } from '../../../server/rooms/roomRegistry';
import { defaultRoomOptions } from '../../../server/rooms/room';
import { SecretVoting } from '../../../server/rooms/secretVoting';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import type { Store } from '../../../server/storage/store';
import { ServerControl, messageControl, readControlPayload } from '../../../shared/control';
import { createNote } from '../../../shared/notes';
import { setPhase } from '../../../shared/session';
import { latestRoundResult } from '../../../shared/voting';

/** The real SQLite store, answering loads of ballots a few milliseconds late, as a remote database would. */
function slowBallotsStore(): Store {
  const store = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-voting-')) });
  return {
    ...store,
    async load(docId) {
      if (docId.endsWith('~ballots')) await new Promise((r) => setTimeout(r, 20));
      return store.load(docId);
    },
  };
}

interface ControlPeer extends Peer {
  controls: ServerControl[];
}

const peer = (id: string, role: 'facilitator' | 'participant', participantId: string): ControlPeer => {
  const controls: ServerControl[] = [];
  return {
    id,
    actor: { role, participantId },
    controls,
    send(frame) {
      const d = decoding.createDecoder(frame);
      if (decoding.readVarUint(d) === messageControl) controls.push(ServerControl.parse(readControlPayload(d)));
    },
    close() {},
  };
};

async function setup() {
  const registry = new RoomRegistry(slowBallotsStore(), log, { unloadGraceMs: 10_000, room: defaultRoomOptions });
  const { roomId } = await registry.create('Voto');
  const board = (await registry.acquire(roomId))!;
  const fac = peer('c1', 'facilitator', 'facilitator-01');
  const ada = peer('c2', 'participant', 'participant-ada');
  board.join(fac);
  board.join(ada);
  const note = createNote(board.doc, { x: 0, y: 0, text: 'Parco fluviale', author: { id: 'facilitator-01', name: 'Fac', sector: 'public' } });
  setPhase(board.doc, 'priorities');
  return { registry, board, fac, ada, note, voting: new SecretVoting(registry) };
}

describe('secret voting racing a reveal', () => {
  it('never adds a vote to a round after scoring it: a vote racing the reveal is either counted and confirmed, or refused', async () => {
    const { board, ada, note, voting } = await setup();
    // The reveal starts first and waits for the ballots; the vote is checked meanwhile, then waits too.
    const reveal = voting.reveal(board);
    const vote = voting.vote(board, ada, note, 1, 'civil');
    await Promise.all([reveal, vote]);
    // The reveal first reads what other processes stored (an await), so the
    // vote may land before the scoring or after it; never in between. Either
    // it is in the scored round and confirmed, or it is refused and not in it.
    const result = latestRoundResult(board.doc);
    const confirmed = ada.controls.filter((c) => c.t === 'ballot');
    if (result?.dotsCast === 1) {
      expect(confirmed).toContainEqual(expect.objectContaining({ t: 'ballot', round: 1, dots: { [note]: 1 } }));
    } else {
      expect(result).toMatchObject({ round: 1, dotsCast: 0 });
      expect(confirmed).toEqual([]);
      expect(ada.controls).toContainEqual(expect.objectContaining({ t: 'voteRefused', reason: 'revealed' }));
    }
  });

  it('counts a vote that is taken before the reveal scores the round', async () => {
    const { board, ada, note, voting } = await setup();
    const vote = voting.vote(board, ada, note, 1, 'civil');
    const reveal = voting.reveal(board);
    await Promise.all([vote, reveal]);
    expect(latestRoundResult(board.doc)).toMatchObject({ round: 1, dotsCast: 1 });
    expect(ada.controls).toContainEqual(expect.objectContaining({ t: 'ballot', round: 1, dots: { [note]: 1 } }));
  });

  it('scores a round once when two reveals race', async () => {
    const { board, voting } = await setup();
    const [a, b] = await Promise.all([voting.reveal(board), voting.reveal(board)]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
  });
});
