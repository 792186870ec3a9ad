import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { log } from '../../../server/log';
import { defaultRoomOptions } from '../../../server/rooms/room';
import { RoomRegistry } from '../../../server/rooms/roomRegistry';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import { MAX_NOTE_TEXT } from '../../../shared/documentSchemas';
import { createNote, getNote, listNotes } from '../../../shared/notes';
import { notesOf } from '../../../shared/schema';

function registry(maxNotes: number): RoomRegistry {
  const store = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-registry-')) });
  return new RoomRegistry(store, log, { unloadGraceMs: 10_000, room: { ...defaultRoomOptions, limits: { ...defaultRoomOptions.limits!, maxNotes } } });
}

describe('revealing private drafts', () => {
  it('copies drafts through the note schema and as their owner, up to the cap, keeping the rest in the drafts', async () => {
    const reg = registry(2);
    const { roomId } = await reg.create('Ascolto');
    const drafts = (await reg.acquireDrafts(roomId, 'participant-ada'))!;
    const author = { id: 'someone-else-1', name: 'Ada', sector: 'civil' as const };
    createNote(drafts.doc, { id: 'draft-note-0001', x: 0, y: 0, text: 'Uno', author });
    createNote(drafts.doc, { id: 'draft-note-0002', x: 0, y: 0, text: 'Due', author });
    createNote(drafts.doc, { id: 'draft-note-0003', x: 0, y: 0, text: 'Tre', author });
    // Written straight into the drafts document, past what the policy would let through.
    const first = notesOf(drafts.doc).get('draft-note-0001')!;
    first.set('color', 'plaid');
    (first.get('text') as Y.Text).insert(0, 'x'.repeat(MAX_NOTE_TEXT));

    expect(await reg.reveal(roomId)).toEqual({ notes: 2, pending: 0 });
    const board = (await reg.acquire(roomId))!;
    expect(listNotes(board.doc).map((n) => n.id).sort()).toEqual(['draft-note-0001', 'draft-note-0002']);
    const copied = getNote(board.doc, 'draft-note-0001')!;
    expect(copied).toMatchObject({ authorId: 'participant-ada', color: 'yellow' });
    expect(notesOf(board.doc).get('draft-note-0001')!.has('color')).toBe(false);
    expect(copied.text).toHaveLength(MAX_NOTE_TEXT);
    // The note that did not fit stays with its author.
    expect([...notesOf(drafts.doc).keys()]).toEqual(['draft-note-0003']);
    await reg.closeAll();
  });
});
