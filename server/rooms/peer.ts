/** What a room needs from a connection: the smallest surface, so rooms can be
 * driven by websockets, by tests, or later by a cross-process relay. */
import type { Actor, RefusalReason } from '../auth/updatePolicy';

export interface Peer {
  readonly id: string;
  /** Who is on the other end, as authenticated when the socket opened. */
  readonly actor: Actor;
  /** Sends one already-encoded frame. Must not copy or re-encode it. */
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Told after the room refused one of its updates (the peer was already sent why), for the refusal counts. */
  updateRefused?(reason: RefusalReason): void;
}
