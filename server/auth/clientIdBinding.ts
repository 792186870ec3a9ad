/**
 * Which identity owns each Yjs client id of a document. Structs are
 * addressed by (client id, clock): whoever writes under a client id first
 * takes those clocks, and Yjs then ignores its owner's own changes as
 * already known. So a client id belongs to the first identity that writes
 * or announces presence under it, and nobody else may.
 *
 * The owner is the server-verified participantId (facilitators have one
 * too), not the socket: a reconnect of the same Y.Doc reuses its client id
 * on a new socket, a reload starts a new client id while the old one's
 * structs (maybe offline edits never sent) are still in IndexedDB and sent
 * later, and one person on two devices writes under two ids. All of these
 * are the same participantId. The server's own document writes under its
 * own client id, which nobody may take.
 *
 * Bindings of a board are persisted, in a store document of their own
 * (`${roomId}~clients`, a Yjs map). Rebuilding them lazily after a restart
 * would hand every client id with structs in the board to whoever writes
 * under it first: a participant could take the facilitator's id while the
 * facilitator is still reconnecting, and the facilitator's next changes
 * would be lost for good. A client id that has structs but no binding (a
 * board from before bindings were kept, or a crash between two appends)
 * is still taken by the first writer. A drafts document needs no log: only
 * its owner may ever open it.
 */
import * as Y from 'yjs';
import type { Store } from '../storage/store';
import type { Logger } from '../log';

export const clientsDocId = (roomId: string): string => `${roomId}~clients`;

/** Stands for the server itself; never a participantId (those match ITEM_ID_PATTERN). */
const SERVER = '~server';
const COMPACT_AFTER_UPDATES = 200;
/**
 * A device takes a new client id per page load, so a few hundred cover a
 * long workshop; the cap keeps one participant from growing the binding
 * log without bound.
 */
export const MAX_CLIENT_IDS_PER_OWNER = 1000;

export class ClientIdBindings {
  private readonly owners = new Map<number, string>();
  private readonly counts = new Map<string, number>();
  private persisted: { doc: Y.Doc; map: Y.Map<string> } | null = null;

  /** The server's own client id: bound to no participant, ever. */
  constructor(
    serverClientId: number,
    private readonly maxPerOwner = MAX_CLIENT_IDS_PER_OWNER,
  ) {
    this.owners.set(serverClientId, SERVER);
  }

  /** Why `owner` may not write under all of `clientIds`, or null when it may. */
  refusal(owner: string, clientIds: Iterable<number>): string | null {
    let fresh = 0;
    for (const id of clientIds) {
      const current = this.owners.get(id);
      if (current === undefined) fresh++;
      else if (current !== owner) return `client id ${id} is someone else's`;
    }
    return (this.counts.get(owner) ?? 0) + fresh > this.maxPerOwner ? 'too many client ids' : null;
  }

  ownerOf(clientId: number): string | undefined {
    const owner = this.owners.get(clientId);
    return owner === SERVER ? undefined : owner;
  }

  /** Binds the still unbound `clientIds` to `owner`; call after `refusal` said none is taken. */
  bind(owner: string, clientIds: Iterable<number>): void {
    const fresh = [...new Set(clientIds)].filter((id) => !this.owners.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.setOwner(id, owner);
    const p = this.persisted;
    if (p) p.doc.transact(() => fresh.forEach((id) => p.map.set(String(id), owner)));
  }

  /**
   * Loads a board's bindings and keeps every new one in the store from now
   * on. The append is issued at once, before the update that needed it is
   * even queued for storage.
   */
  async persistIn(store: Store, roomId: string, log: Logger): Promise<void> {
    const docId = clientsDocId(roomId);
    const stored = await store.load(docId);
    const doc = new Y.Doc();
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(parts));
    const map = doc.getMap<string>('clients');
    for (const [id, owner] of map) {
      const clientId = Number(id);
      if (!this.owners.has(clientId)) this.setOwner(clientId, owner);
    }
    if (stored.updates.length > COMPACT_AFTER_UPDATES) {
      await store.compact(docId, Y.encodeStateAsUpdate(doc), stored.lastSeq);
    }
    // Each binding is appended at once. One the store refuses is kept and
    // retried (merged with any others refused) until the store takes it, as the
    // room retries its own updates: a failed append must neither lose a binding
    // nor leave storage reported as failing for good. Yjs updates commute, so
    // their order in the log does not matter.
    let unstored: Uint8Array[] = [];
    let retryMs = 0;
    let retryTimer: NodeJS.Timeout | null = null;
    const append = (update: Uint8Array): void => {
      store.append(docId, update).then(
        () => {
          retryMs = 0;
        },
        (err: unknown) => {
          unstored.push(update);
          if (retryTimer) return;
          retryMs = Math.min(10_000, retryMs ? retryMs * 2 : 100);
          log.error({ err, roomId, retryInMs: retryMs }, 'client id binding not stored; will retry');
          retryTimer = setTimeout(() => {
            retryTimer = null;
            const batch = unstored.length === 1 ? unstored[0]! : Y.mergeUpdates(unstored);
            unstored = [];
            append(batch);
          }, retryMs);
          retryTimer.unref();
        },
      );
    };
    doc.on('update', append);
    this.persisted = { doc, map };
  }

  private setOwner(clientId: number, owner: string): void {
    this.owners.set(clientId, owner);
    this.counts.set(owner, (this.counts.get(owner) ?? 0) + 1);
  }
}
