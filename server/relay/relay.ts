/**
 * Relaying accepted changes between the processes serving one document.
 * A process publishes each batch after the store has taken it (persisted
 * before relayed, across processes too) and the others apply it to their
 * copy under their own origin, so they send it to their peers but never
 * append it a second time. A subscriber that may have missed messages (a
 * new subscription, Redis back after an outage) is told to catch up from
 * the store. Alone, a process uses `inProcessRelay`, which does nothing.
 */

import type { Role } from '../../shared/phases';
import type { ModeratedItem } from '../../shared/moderation';
import type { Sector } from '../../shared/schema';

/** Which of a room's peers a frame is for: all of them, one person's devices, or one role. */
export interface PeerFilter {
  participantId?: string;
  role?: Role;
}

/**
 * What a room tells the same room on the other processes besides document
 * changes: a readiness answer, or a control frame for some of its peers.
 * Only Tavolo processes publish on Redis, so these are trusted.
 */
export type RoomSignal =
  | { t: 'ready'; checkId: string; participantId: string; ready: boolean; entry: { name: string; sector: Sector } }
  | { t: 'frame'; to: PeerFilter; frame: string }
  /** How many private notes per author sector one drafts document now holds (never their text). */
  | { t: 'draftCount'; docId: string; counts: Record<Sector, number> }
  /** The items one drafts document holds waiting for approval (moderation.ts), for facilitators on other processes. */
  | { t: 'moderationPending'; docId: string; items: ModeratedItem[] }
  /** The board's hidden notes changed: read them again. */
  | { t: 'moderationHidden' }
  /** A participant erased their contributions (stored in `<roomId>~erased` already): refuse their content here too. */
  | { t: 'erasedAuthor'; participantId: string }
  /** The workshop was deleted: drop it, and close its peers. */
  | { t: 'deleted' };

/** Client ids bound to an owner by the batch, so other processes refuse them to anyone else. */
export type Bindings = [owner: string, clientIds: number[]][];

export interface RelayHandlers {
  /** An update another process stored as `seq`. */
  update(seq: number, update: Uint8Array, bindings: Bindings): void;
  /** An awareness update from another process's peers. */
  awareness(update: Uint8Array): void;
  signal(signal: RoomSignal): void;
  /** Subscribed (again): anything published meanwhile may be lost, so read the store. */
  subscribed(): void;
}

export interface RelayChannel {
  publishUpdate(seq: number, update: Uint8Array, bindings: Bindings): void;
  publishAwareness(update: Uint8Array): void;
  publishSignal(signal: RoomSignal): void;
  leave(): void;
}

export interface Relay {
  join(docId: string, handlers: RelayHandlers): RelayChannel;
  /** Tells the processes serving `docId` without joining it. */
  announce(docId: string, signal: RoomSignal): void;
  close(): Promise<void>;
}

const nothing: RelayChannel = { publishUpdate() {}, publishAwareness() {}, publishSignal() {}, leave() {} };

/** One process: nobody to tell. */
export const inProcessRelay: Relay = {
  join: () => nothing,
  announce() {},
  close: async () => {},
};
