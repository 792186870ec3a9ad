/**
 * Version history of a board, kept through the Store interface alone (so
 * any store implementing it keeps versions too):
 *
 * - each version is a document of its own, `${roomId}~version~<id>`, whose
 *   log holds one update: the whole board as it was;
 * - the index is a Yjs map in `${roomId}~versions`, one entry per version,
 *   each appended as its own small update (concurrent saves merge).
 *
 * Both live under the room id, so deleting the room deletes them. Only a
 * participant's erasure of their contributions rewrites a version
 * (`rewriteAll`): a restore must not bring back what they deleted.
 */
import * as Y from 'yjs';
import { newItemId } from '../../shared/ids';
import type { Phase } from '../../shared/phases';
import { readSession } from '../../shared/schema';
import { VersionInfo, type VersionReason } from '../../shared/versions';
import type { Logger } from '../log';
import type { Store, StoredDocument } from '../storage/store';

export const versionsIndexDocId = (roomId: string): string => `${roomId}~versions`;
export const versionDocId = (roomId: string, id: string): string => `${roomId}~version~${id}`;
const INDEX = 'versions';

async function loadDoc(store: Store, docId: string): Promise<Y.Doc | null> {
  return docOf(await store.load(docId));
}

function docOf(stored: StoredDocument): Y.Doc | null {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  if (parts.length === 0) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts));
  return doc;
}

export class VersionStore {
  /** Saves still being stored, per room: a rewrite waits for them, so none escapes it. */
  private readonly saving = new Map<string, Set<Promise<unknown>>>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Every version of the room, oldest first. */
  async list(roomId: string): Promise<VersionInfo[]> {
    const index = await loadDoc(this.store, versionsIndexDocId(roomId));
    if (!index) return [];
    const out: VersionInfo[] = [];
    index.getMap(INDEX).forEach((v) => {
      const parsed = VersionInfo.safeParse(v);
      if (parsed.success) out.push(parsed.data);
    });
    index.destroy();
    return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** The board as the version holds it, as one Yjs update; null when there is no such version. */
  async get(roomId: string, id: string): Promise<{ info: VersionInfo; update: Uint8Array } | null> {
    const info = (await this.list(roomId)).find((v) => v.id === id);
    if (!info) return null;
    const stored = await this.store.load(versionDocId(roomId, id));
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length === 0) return null;
    return { info, update: parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts) };
  }

  /** Saves the board as it is now. The bytes are stored before the index names them. */
  save(roomId: string, board: Y.Doc, what: { name: string; reason: VersionReason; phase?: Phase }): Promise<VersionInfo> {
    const saving = this.saving.get(roomId) ?? new Set();
    this.saving.set(roomId, saving);
    const done = this.write(roomId, board, what).finally(() => {
      saving.delete(done);
      if (saving.size === 0 && this.saving.get(roomId) === saving) this.saving.delete(roomId);
    });
    saving.add(done);
    return done;
  }

  private async write(roomId: string, board: Y.Doc, what: { name: string; reason: VersionReason; phase?: Phase }): Promise<VersionInfo> {
    const info = VersionInfo.parse({
      id: newItemId(),
      name: what.name,
      createdAt: Date.now(),
      phase: what.phase ?? readSession(board).phase,
      reason: what.reason,
    });
    await this.store.append(versionDocId(roomId, info.id), Y.encodeStateAsUpdate(board));
    const entry = new Y.Doc();
    let update: Uint8Array | null = null;
    entry.on('update', (u: Uint8Array) => (update = u));
    entry.getMap(INDEX).set(info.id, info);
    await this.store.append(versionsIndexDocId(roomId), update!);
    entry.destroy();
    this.log.info({ roomId, versionId: info.id, reason: info.reason }, 'version saved');
    return info;
  }

  /**
   * Rewrites every stored version of the room through `edit` (which returns
   * whether it changed the board), storing each changed one as a fresh
   * snapshot of the edited, garbage-collected document in place of its
   * bytes: what the edit removed is left in no version. Returns how many
   * versions changed.
   */
  async rewriteAll(roomId: string, edit: (board: Y.Doc) => boolean): Promise<number> {
    await Promise.allSettled(this.saving.get(roomId) ?? []);
    let changed = 0;
    for (const docId of await this.store.listDocs(versionDocId(roomId, ''))) {
      const stored = await this.store.load(docId);
      const doc = docOf(stored);
      if (!doc) continue;
      try {
        if (!edit(doc)) continue;
        await this.store.compact(docId, Y.encodeStateAsUpdate(doc), stored.lastSeq);
        changed++;
      } finally {
        doc.destroy();
      }
    }
    if (changed > 0) this.log.info({ roomId, versions: changed }, 'versions rewritten');
    return changed;
  }

  /** The hook a board's room calls when its phase changes: the board is saved as it was when the phase ended. */
  saveOnPhaseChange(roomId: string, board: Y.Doc, ended: Phase): void {
    this.save(roomId, board, { name: '', reason: 'phase', phase: ended }).catch((err: unknown) =>
      this.log.error({ err, roomId }, 'saving the version at a phase change failed'),
    );
  }
}
