/**
 * Version history over HTTP, for the facilitator only (any other token: 401):
 *
 * - `GET  /rooms/:roomId/versions` → `{ versions: [{ id, name, createdAt, phase, reason }] }`, oldest first;
 * - `GET  /rooms/:roomId/versions/:id` → `{ version, update }`, the board as a base64 Yjs update, to browse read-only or restore;
 * - `POST /rooms/:roomId/versions {name, reason?}` → `201 { version }`: saves the live board now.
 *
 * Restoring is done by the facilitator's own client, as an ordinary edit
 * (it goes through the write policy and is undoable); the client saves the
 * board first ("before restoring …", reason `restore`), so what a restore
 * removes stays in a version.
 */
import express, { type Request, type Response } from 'express';
import * as Y from 'yjs';
import { notesOf } from '../../shared/schema';
import { SaveVersionBody, type VersionList, type VersionResponse } from '../../shared/versions';
import type { RoomRegistry } from '../rooms/roomRegistry';
import { facilitatorRoom } from './facilitatorAccess';
import { sendError } from './httpErrors';

/** Notes a moderator has hidden now: a version saved before the hiding must not bring them back. */
async function hiddenNoteIds(registry: RoomRegistry, roomId: string): Promise<string[]> {
  const hidden = await registry.acquireHidden(roomId);
  if (!hidden) return [];
  try {
    await hidden.catchUp();
    return [...notesOf(hidden.doc).keys()];
  } finally {
    registry.release(hidden);
  }
}

/** The version without those notes (the restore then leaves them hidden; the preview does not show them). */
function withoutNotes(update: Uint8Array, ids: string[]): Uint8Array {
  if (ids.length === 0) return update;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const notes = notesOf(doc);
  if (!ids.some((id) => notes.has(id))) return update;
  doc.transact(() => ids.forEach((id) => notes.delete(id)));
  return Y.encodeStateAsUpdate(doc);
}

export function createVersionsRouter(registry: RoomRegistry): express.Router {
  const api = express.Router();

  /** The room's id when the request carries its facilitator token; otherwise the error is sent and null returned. */
  const facilitatorRoomId = async (req: Request<{ roomId: string }>, res: Response): Promise<string | null> =>
    (await facilitatorRoom(registry, req, res, 'Versions are for the facilitator: send the facilitator token'))?.roomId ?? null;

  api.get('/rooms/:roomId/versions', async (req: Request<{ roomId: string }>, res: Response) => {
    const roomId = await facilitatorRoomId(req, res);
    if (!roomId) return;
    const body: VersionList = { versions: await registry.versions.list(roomId) };
    res.json(body);
  });

  api.get('/rooms/:roomId/versions/:id', async (req: Request<{ roomId: string; id: string }>, res: Response) => {
    const roomId = await facilitatorRoomId(req, res);
    if (!roomId) return;
    const found = await registry.versions.get(roomId, req.params.id);
    if (!found) return sendError(res, 404, 'version_not_found', 'No version with this id');
    const update = withoutNotes(found.update, await hiddenNoteIds(registry, roomId));
    const body: VersionResponse = { version: found.info, update: Buffer.from(update).toString('base64') };
    res.json(body);
  });

  api.post('/rooms/:roomId/versions', async (req: Request<{ roomId: string }>, res: Response) => {
    const roomId = await facilitatorRoomId(req, res);
    if (!roomId) return;
    const parsed = SaveVersionBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'invalid_body', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const room = await registry.acquire(roomId);
    if (!room) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    try {
      const version = await registry.versions.save(roomId, room.doc, { name: parsed.data.name, reason: parsed.data.reason ?? 'manual' });
      res.status(201).json({ version });
    } finally {
      registry.release(room);
    }
  });

  return api;
}
