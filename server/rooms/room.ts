/**
 * One live board: its Y.Doc, awareness, and the peers connected to it.
 *
 * Hot path: every change to the doc (from any peer or from the server) is
 * queued; once per event-loop turn the queue is merged into one update,
 * appended to the store, and only then encoded once and sent as the same
 * bytes to every peer. Awareness is collapsed to each client's latest state
 * per turn and relayed the same way, without waiting for storage.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../shared/protocol';
import type { Store, StoredDocument } from '../storage/store';
import type { Logger } from '../log';
import type { Peer } from './peer';
import { inspectUpdate, RejectedUpdate } from '../auth/updateInspector';
import { checkUpdate, DEFAULT_POLICY_LIMITS, type Actor, type PolicyLimits, type Verdict } from '../auth/updatePolicy';
import { checkIntegration, decodeUpdateStrictly, dropPending } from '../auth/updateStructure';
import { ClientIdBindings } from '../auth/clientIdBinding';
import { encodeAwarenessEntries, readAwarenessEntries } from '../auth/awarenessEntries';
import { encodeControl } from '../../shared/control';
import { ROOT_SESSION, readSession } from '../../shared/schema';
import { DEFAULT_PHASE, isPhase, type Phase } from '../../shared/phases';
import { timePersist } from '../metrics';
import { secretRoundOpen } from '../../shared/voting';
import { inProcessRelay, type Bindings, type PeerFilter, type Relay, type RoomSignal } from '../relay/relay';
import { RELAY_ORIGIN, RelayedDoc } from '../relay/relayedDoc';
import { ErasedAuthors } from './erasedAuthors';
import { Readiness, type ReadinessStore, type ReadyEntry } from './readiness';
import { InboxBatch, UpdateInbox, type InboxEntry } from './updateInbox';

/** A room is either a board or one participant's private drafts, which
 * follow the phase and lock of their board. */
export type RoomKind =
  | { kind: 'board' }
  | { kind: 'drafts'; owner: string; board: Room }
  /** The secret ballots of a board: written by the server only, never opened by a client. */
  | { kind: 'ballots'; board: Room }
  /** Notes a facilitator hid from the board, with their text: written by the server only, never opened by a client. */
  | { kind: 'hidden'; board: Room };

export type { ReadyEntry } from './readiness';

export interface RoomOptions {
  /** Compact the update log into a snapshot past this many bytes… */
  compactAfterBytes: number;
  /** …or this many appended batches. */
  compactAfterUpdates: number;
  /** Delay before a due compaction runs, so a burst compacts once. */
  compactDelayMs: number;
  /** Caps on the state the policy lets updates leave behind. */
  limits?: PolicyLimits;
  /** Yjs client ids one identity may write under (default MAX_CLIENT_IDS_PER_OWNER). */
  maxClientIdsPerIdentity?: number;
  /** Other processes serving the same documents (none by default). */
  relay?: Relay;
  /** Where ready-check answers outlive this process (none by default: memory only). */
  readiness?: ReadinessStore;
  /** Bytes of whole-board frames sent to joiners per event-loop turn (default BOARD_BYTES_PER_TURN). */
  boardBytesPerTurn?: number;
}

export const defaultRoomOptions: RoomOptions = {
  compactAfterBytes: 1 << 20,
  compactAfterUpdates: 1000,
  compactDelayMs: 2000,
  limits: DEFAULT_POLICY_LIMITS,
};

const LOAD_ORIGIN = Symbol('load');
const RETRY_BASE_MS = 100;
const HYDRATE_AFTER_MS = 250;
/** Closes a connection that sent a malformed update (as a malformed frame does). */
const CLOSE_PROTOCOL_ERROR = 1002;
const CLOSE_INTERNAL_ERROR = 1011;
const RETRY_MAX_MS = 10_000;
/** About 5 ms of socket writes here: a 2,000-note board to two joiners. */
const BOARD_BYTES_PER_TURN = 2 * 1024 * 1024;

export class Room {
  private readonly ydoc = new Y.Doc();
  readonly awareness = new Awareness(this.ydoc);
  /** Who owns each Yjs client id written or announced here (a board's are persisted by the registry). */
  readonly clientIds: ClientIdBindings;
  /** Participants who erased their contributions: nothing of theirs is written back (a board's are loaded by the registry). */
  readonly erasedAuthors = new ErasedAuthors();
  /**
   * The stored state, until it is applied to the Y.Doc. A cold room answers
   * its first joins straight from these bytes and applies them on the next
   * turn, so the join does not wait for a full decode of the board.
   */
  private stored: Uint8Array | null = null;
  /**
   * The sync step 2 frame carrying the whole hydrated document, built when
   * the first joiner waiting for it after a change is answered (sendBoard) and sent as
   * is to every other one until the next change: a join storm encodes the
   * board once, not once per join. Dropped on every document update: frames kept across changes
   * would go on carrying what was deleted since (a hidden note, erased words),
   * and our client reads its sync step 2 as the server's whole state.
   */
  private fullStateFrame: Uint8Array | null = null;
  /** Clocks of the hydrated document per Yjs client, read when a joiner's state vector is compared with it; dropped with fullStateFrame. */
  private clocks: Map<number, number> | null = null;
  /** Joiners waiting for the whole board (empty, or lacking most of it), in arrival order (see sendBoard). */
  private readonly boardWaiters = new Set<Peer>();
  private boardScheduled = false;
  /** Peers still owed our sync step 1 (it needs the applied state vector). */
  private owedStep1: Peer[] = [];
  /** Each peer with the awareness client ids it speaks for. */
  private readonly peers = new Map<Peer, Set<number>>();

  /** Peers' updates not yet checked and applied: they are, together, at the end of the turn or at the next read of the doc. */
  private readonly inbox = new UpdateInbox();
  private pendingUpdates: Uint8Array[] = [];
  /** Peers whose changes are in the batch; null marks a server-side change. */
  private pendingOrigins = new Set<Peer | null>();
  private pendingAwareness = new Set<number>();
  /** Awareness changed here (not relayed from another process), for the other processes. */
  private publishedAwareness = new Set<number>();
  /** Client ids the pending batch binds, for the other processes. */
  private pendingBindings: Bindings = [];
  private readonly relayed: RelayedDoc;
  private awarenessOrigins = new Set<Peer | null>();
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  private retryDelay = 0;
  /** Writers told their change is not saved yet; they hear `saved: ok` once it is. */
  private readonly toldUnsaved = new Set<Peer>();
  /** Joins held until every pending batch is stored (see answerSyncStep1). */
  private storedWaiters: (() => void)[] = [];
  /** While a deletion is under way nothing more is appended. */
  private paused = false;

  private lastSeq: number;
  private logBytes: number;
  private logBatches: number;
  private compactTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** Called when another process deleted this room's workshop. */
  onDeletedElsewhere: (() => void) | null = null;
  /** Signals other processes sent about this board that a service outside the room follows (draft counts, moderation). */
  readonly signalListeners = new Set<(signal: RoomSignal) => void>();
  /** Holders other than peers (a drafts room holds its board), so unloading waits for them. */
  holds = 0;
  /** The document's size as stored: its bytes at load plus every change since (the policy caps it). */
  private docBytes: number;
  /** Called after an accepted change of the board's phase (not on load), with the phase that ended: version history. */
  onPhaseChange: ((ended: Phase) => void) | null = null;
  /** Answers to the current ready check; only facilitators are told. */
  private readonly readiness: Readiness;

  constructor(
    /** The store's document id: the room id, or `${roomId}~drafts~${participantId}`. */
    readonly roomId: string,
    private readonly store: Store,
    stored: StoredDocument,
    private readonly log: Logger,
    private readonly opts: RoomOptions = defaultRoomOptions,
    readonly kind: RoomKind = { kind: 'board' },
  ) {
    this.clientIds = new ClientIdBindings(this.ydoc.clientID, opts.maxClientIdsPerIdentity);
    this.lastSeq = stored.lastSeq;
    this.logBytes = stored.logBytes;
    this.logBatches = stored.updates.length;
    this.docBytes = (stored.snapshot?.byteLength ?? 0) + stored.logBytes;
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length > 0) {
      // One merged apply is far cheaper than one transaction per logged update.
      this.stored = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
      // Damaged bytes must fail the load here, with a reason, instead of
      // reaching clients or throwing later from the hydrate timer: the store
      // checked every part against its checksum, and merging read every
      // struct. Only a single part stored before checksums is decoded here.
      if (parts.length === 1 && !stored.verified) Y.parseUpdateMeta(this.stored);
      // Joins usually arrive within milliseconds and are answered from the
      // bytes; whatever happens first (an edit, a read, this timer) hydrates.
      setTimeout(() => this.hydrate(), HYDRATE_AFTER_MS).unref();
    }
    this.awareness.setLocalState(null);
    this.relayed = new RelayedDoc(roomId, store, stored.lastSeq, opts.relay ?? inProcessRelay, log, {
      applyUpdate: (u) => Y.applyUpdate(this.doc, u, RELAY_ORIGIN),
      applyAwareness: (u) => applyAwarenessUpdate(this.awareness, u, RELAY_ORIGIN),
      bind: (owner, ids) => this.clientIds.bind(owner, ids),
      signal: (signal) => this.onSignal(signal),
    });
    this.readiness = new Readiness(roomId, opts.readiness ?? null, log, () => {
      for (const p of this.peers.keys()) if (p.actor.role === 'facilitator') this.sendReadiness(p);
    });
    this.ydoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.ydoc.getMap(ROOT_SESSION).observe((e, tr) => {
      // Only the process that accepted the change saves its version: on the others it arrives relayed.
      if (tr.origin === LOAD_ORIGIN || tr.origin === RELAY_ORIGIN || !e.keysChanged.has('phase')) return;
      const ended: unknown = e.changes.keys.get('phase')?.oldValue;
      this.onPhaseChange?.(isPhase(ended) ? ended : DEFAULT_PHASE);
    });
  }

  /** The room's document, with its stored state and every update received so far applied. */
  get doc(): Y.Doc {
    this.hydrate();
    this.drainInbox();
    return this.ydoc;
  }

  /** The document with the updates that arrived before arrival `seq` applied, and none after (see updateInbox.ts). */
  docAsOf(seq: number): Y.Doc {
    this.hydrate();
    this.drainInbox(seq);
    return this.ydoc;
  }

  private hydrate(): void {
    const stored = this.stored;
    if (!stored) return;
    this.stored = null;
    Y.applyUpdate(this.ydoc, stored, LOAD_ORIGIN);
    // A log written before updates were checked for it may leave Yjs state pending; it must never integrate.
    if (dropPending(this.ydoc)) this.log.error({ roomId: this.roomId }, 'dropped pending Yjs state of the stored document');
    const owed = this.owedStep1;
    this.owedStep1 = [];
    const step1 = encodeSyncStep1(Y.encodeStateVector(this.ydoc));
    for (const peer of owed) if (this.peers.has(peer)) peer.send(step1);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Greets a new peer: our state vector (so it sends what we lack) and who is here. */
  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    if (this.stored) this.owedStep1.push(peer);
    else peer.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
    if (this.awareness.getStates().size > 0) {
      peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
    }
  }

  leave(peer: Peer): void {
    const ids = this.peers.get(peer);
    this.peers.delete(peer);
    this.boardWaiters.delete(peer);
    if (ids && ids.size > 0) removeAwarenessStates(this.awareness, [...ids], null);
  }

  /**
   * Takes a peer's update: it is checked and applied at the end of this
   * event-loop turn, with the others of the turn, in one transaction (see
   * updateInbox.ts), or sooner if anything reads the doc meanwhile. Throws
   * RejectedUpdate at once for one that does not decode (the connection is
   * then closed).
   */
  receiveUpdate(peer: Peer, update: Uint8Array): void {
    if (this.kind.kind === 'ballots' || this.kind.kind === 'hidden') throw new RejectedUpdate(`${this.kind.kind} are written by the server only`);
    this.inbox.push({ peer, update, decoded: decodeUpdateStrictly(update) });
    this.scheduleFlush();
  }

  /**
   * Applies every queued update its sender's role allows whole and that
   * integrates whole under client ids the sender owns, in arrival order and
   * in one transaction; drops each other one whole and tells its sender why
   * (it then resyncs). A sender of an update the checks cannot even read is
   * disconnected, and nothing more of its batch is applied.
   */
  private drainInbox(before = Infinity): void {
    if (this.inbox.size === 0 || this.destroyed) return;
    this.hydrate();
    const cutOff = new Set<Peer>();
    for (const run of this.inbox.takeRuns(before)) {
      const batch = new InboxBatch();
      try {
        this.ydoc.transact(() => {
          for (const entry of run) {
            if (cutOff.has(entry.peer)) continue;
            try {
              if (this.admit(entry, batch).ok) {
                batch.writers.add(entry.peer);
                batch.bytes += entry.update.byteLength;
              }
            } catch (err) {
              cutOff.add(entry.peer);
              const reason = err instanceof RejectedUpdate ? err.message : `invalid update: ${(err as Error).message}`;
              this.log.warn({ roomId: this.roomId, connId: entry.peer.id, reason }, 'closing connection');
              entry.peer.close(CLOSE_PROTOCOL_ERROR, reason.slice(0, 120));
            }
          }
        }, batch);
      } catch (err) {
        // An observer threw after everything was applied: the batch stands.
        this.log.error({ err, roomId: this.roomId }, 'observer of an applied batch failed');
      }
    }
  }

  /** Checks one update against the doc as the batch has left it so far, and applies it if allowed. */
  private admit({ peer, update, decoded, seq }: InboxEntry, batch: InboxBatch): Verdict {
    const kind = this.kind.kind;
    if (kind === 'ballots' || kind === 'hidden') throw new RejectedUpdate(`${kind} are written by the server only`);
    const doc = this.ydoc;
    const integration = checkIntegration(doc, decoded);
    const verdict =
      this.checkWriters(peer.actor, integration) ??
      checkUpdate(inspectUpdate(doc, decoded), peer.actor, {
        doc,
        board: this.kind.kind === 'drafts' ? this.kind.board.docAsOf(seq) : doc,
        kind,
        owner: this.kind.kind === 'drafts' ? this.kind.owner : undefined,
        limits: this.opts.limits,
        docBytes: this.docBytes + batch.bytes,
        updateBytes: update.byteLength,
        erasedAuthors: this.kind.kind === 'drafts' ? this.kind.board.erasedAuthors.all : this.erasedAuthors.all,
      });
    if (!verdict.ok) {
      this.log.info({ roomId: this.roomId, connId: peer.id, role: peer.actor.role, reason: verdict.reason, detail: verdict.detail }, 'update refused');
      peer.send(encodeControl({ t: 'refused', reason: verdict.reason, detail: verdict.detail }));
      peer.updateRefused?.(verdict.reason);
      return verdict;
    }
    if (integration.writers.size > 0) {
      const fresh = [...integration.writers].filter((id) => this.clientIds.ownerOf(id) === undefined);
      if (fresh.length > 0) this.pendingBindings.push([peer.actor.participantId!, fresh]);
      this.clientIds.bind(peer.actor.participantId!, integration.writers);
    }
    Y.applyUpdate(doc, update, batch);
    // Everything integrated is exactly what was checked; anything left pending would break that later.
    if (dropPending(doc)) this.log.error({ roomId: this.roomId, connId: peer.id }, 'update left Yjs state pending; dropped');
    return verdict;
  }

  /** Structure before content: the update must integrate now, under the sender's own client ids. */
  private checkWriters(actor: Actor, { writers, pending }: ReturnType<typeof checkIntegration>): Verdict | null {
    if (pending !== null) return { ok: false, reason: 'out-of-sync', detail: pending };
    if (writers.size === 0) return null;
    if (!actor.participantId) return { ok: false, reason: 'read-only', detail: 'observers cannot edit' };
    const refusal = this.clientIds.refusal(actor.participantId, writers);
    return refusal === null ? null : { ok: false, reason: 'not-your-client', detail: refusal };
  }

  /** Records a participant's answer to the ready check and tells the facilitators, here and on every other process. */
  markReady(peer: Peer, checkId: string, ready: boolean, entry: ReadyEntry): void {
    const pid = peer.actor.participantId;
    if (!pid || readSession(this.doc).readyCheck?.id !== checkId) return;
    this.readiness.answer(checkId, pid, ready, entry, true);
    this.relayed.publishSignal({ t: 'ready', checkId, participantId: pid, ready, entry });
  }

  /** Sends a control frame to the peers `to` picks, on this process and every other serving the room. */
  tell(to: PeerFilter, frame: Uint8Array): void {
    this.tellHere(to, frame);
    if (this.relayed.active) this.relayed.publishSignal({ t: 'frame', to, frame: Buffer.from(frame).toString('base64') });
  }

  private tellHere(to: PeerFilter, frame: Uint8Array): void {
    for (const p of this.peers.keys()) {
      if ((to.participantId === undefined || p.actor.participantId === to.participantId) && (to.role === undefined || p.actor.role === to.role)) p.send(frame);
    }
  }

  private onSignal(signal: RoomSignal): void {
    switch (signal.t) {
      case 'frame':
        this.tellHere(signal.to, new Uint8Array(Buffer.from(signal.frame, 'base64')));
        break;
      case 'deleted':
        this.onDeletedElsewhere?.();
        break;
      case 'ready':
        if (readSession(this.doc).readyCheck?.id === signal.checkId) this.readiness.answer(signal.checkId, signal.participantId, signal.ready, signal.entry, false);
        break;
      case 'erasedAuthor':
        this.erasedAuthors.learn(signal.participantId);
        break;
      case 'draftCount':
      case 'moderationPending':
      case 'moderationHidden':
        for (const f of this.signalListeners) f(signal);
        break;
    }
  }

  /** Tells the other processes serving this room (nothing when alone). */
  signalOthers(signal: RoomSignal): void {
    if (this.relayed.active) this.relayed.publishSignal(signal);
  }

  /** Reads from the store whatever other processes had stored when called and this one has not applied yet. */
  catchUp(): Promise<void> {
    return this.relayed.catchUpNow();
  }

  sendReadiness(peer: Peer): void {
    const check = readSession(this.doc).readyCheck;
    if (!check || peer.actor.role !== 'facilitator') return;
    peer.send(encodeControl({ t: 'readiness', checkId: check.id, ready: this.readiness.answersTo(check.id) }));
  }

  /** Peers connected to this room, for server-side fan-out of control messages. */
  forEachPeer(f: (peer: Peer) => void): void {
    for (const p of this.peers.keys()) f(p);
  }

  /**
   * Applies the entries of a peer's presence update that are its own: for a
   * client id bound to its identity, or bound to no one and spoken for by no
   * other identity connected here. Entries for anyone else are dropped
   * (stock y-websocket clients echo everyone's presence back, so entries no
   * newer than ours are dropped quietly). Throws on a malformed update.
   */
  receiveAwareness(peer: Peer, update: Uint8Array): void {
    const entries = readAwarenessEntries(update);
    const me = identityOf(peer);
    const own = entries.filter((e) => {
      const meta = this.awareness.meta.get(e.clientId);
      const newer = !meta || e.clock > meta.clock || (e.clock === meta.clock && e.state === 'null' && this.awareness.states.has(e.clientId));
      if (!newer) return false;
      const taken =
        this.clientIds.refusal(me, [e.clientId]) !== null ||
        [...this.peers].some(([p, spoken]) => p !== peer && spoken.has(e.clientId) && identityOf(p) !== me);
      if (taken) this.log.info({ roomId: this.roomId, connId: peer.id, clientId: e.clientId }, 'presence for another client refused');
      return !taken;
    });
    if (own.length === 0) return;
    const pid = peer.actor.participantId;
    if (pid) this.clientIds.bind(pid, own.filter((e) => e.state !== 'null').map((e) => e.clientId));
    applyAwarenessUpdate(this.awareness, own.length === entries.length ? update : encodeAwarenessEntries(own), peer);
  }

  /**
   * Answers a peer's sync step 1. Whatever is still queued is persisted first,
   * so a joining peer is never shown state that a crash could lose.
   *
   * While appends fail, the answer is held until they succeed rather than
   * computed as a diff against the stored state: Yjs cannot subtract the
   * unstored batches from the in-memory doc, and keeping a second, stored-only
   * replica would double every room's memory for a rare failure. A held join
   * sees a board that is still syncing, which is the truth: the server has
   * nothing it can promise to keep. It is answered as soon as a retry lands.
   */
  async answerSyncStep1(peer: Peer, stateVector: Uint8Array): Promise<void> {
    await this.whenStored();
    if (!this.peers.has(peer)) return;
    const empty = stateVector.length === 1 && stateVector[0] === 0;
    if (this.stored) {
      // An empty client needs everything: the stored bytes as they are.
      peer.send(encodeSyncStep2(empty ? this.stored : Y.diffUpdate(this.stored, stateVector)));
    } else if (empty || this.lacksMostOf(stateVector)) {
      this.boardWaiters.add(peer);
      this.scheduleBoardSends();
    } else {
      peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc, stateVector)));
    }
    if (this.stored) setImmediate(() => this.hydrate());
  }

  /**
   * Whether a joiner's state vector lacks most of the board: a client back
   * after a long time away, or one that keeps only its own changes. Hundreds
   * of them come back at once when a process dies and its clients reconnect
   * to the others; each diff encoded for one of them costs nearly a whole
   * board (7 ms a join on a 1,000-note board, answered one after the other).
   * They take the whole board with the empty joiners instead, encoded once
   * per change; what they already have is skipped when they apply it.
   */
  private lacksMostOf(stateVector: Uint8Array): boolean {
    let theirs: Map<number, number>;
    try {
      theirs = Y.decodeStateVector(stateVector);
    } catch {
      return false;
    }
    this.clocks ??= Y.decodeStateVector(Y.encodeStateVector(this.ydoc));
    let total = 0;
    let missing = 0;
    for (const [client, clock] of this.clocks) {
      total += clock;
      missing += Math.max(0, clock - (theirs.get(client) ?? 0));
    }
    return missing * 2 > total;
  }

  private scheduleBoardSends(): void {
    if (this.boardScheduled) return;
    this.boardScheduled = true;
    setImmediate(() =>
      this.sendBoard().catch((err: unknown) => {
        // Never unhandled: the joiners still waiting are closed, and reconnect.
        this.log.error({ err, roomId: this.roomId }, 'sending the board to joiners failed');
        for (const peer of this.boardWaiters) peer.close(CLOSE_INTERNAL_ERROR, 'internal error');
        this.boardWaiters.clear();
      }),
    );
  }

  /**
   * Sends the whole board, as it is now, to the joiners waiting (empty, or
   * lacking most of it), a budget of bytes per event-loop turn. In a join storm hundreds of joiners
   * wait for the same frame; written to all their sockets in one turn
   * (300 × 862 KB on a 2,000-note board), it held the event loop for
   * 300-450 ms while the people in the room waited for their edits. A
   * joiner answered later gets a later board: every change since its join
   * was relayed to it meanwhile, and applying one twice changes nothing.
   * The frame is encoded once for every joiner of a turn, and kept until
   * the next change (`fullStateFrame`).
   */
  private async sendBoard(): Promise<void> {
    this.boardScheduled = false;
    // As for any answer: nothing a crash could lose.
    await this.whenStored();
    if (this.destroyed || this.boardWaiters.size === 0) return;
    const frame = (this.fullStateFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc)));
    let budget = this.opts.boardBytesPerTurn ?? BOARD_BYTES_PER_TURN;
    for (const peer of this.boardWaiters) {
      if (budget <= 0) break;
      this.boardWaiters.delete(peer);
      if (!this.peers.has(peer)) continue;
      peer.send(frame);
      budget -= frame.byteLength;
    }
    if (this.boardWaiters.size > 0) this.scheduleBoardSends();
  }

  answerAwarenessQuery(peer: Peer): void {
    const ids = [...this.awareness.getStates().keys()];
    if (ids.length > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateFrame = null;
    this.clocks = null;
    if (origin === LOAD_ORIGIN) return;
    this.docBytes += update.byteLength;
    // Stored by another process already: only our peers need it.
    if (origin === RELAY_ORIGIN) return this.broadcast(encodeUpdate(update), new Set());
    // Peers' updates come as a batch; anything else is the server's own change.
    const writers: (Peer | null)[] = origin instanceof InboxBatch ? [...origin.writers] : [null];
    this.pendingUpdates.push(update);
    for (const w of writers) this.pendingOrigins.add(w);
    // Storage is failing: say so now rather than after the next retry.
    if (this.retryDelay > 0) this.tellUnsaved(writers);
    this.scheduleFlush();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : null;
    const owned = peer ? this.peers.get(peer) : undefined;
    for (const id of added) owned?.add(id);
    for (const id of removed) owned?.delete(id);
    if (peer) {
      // Presence says who someone is as the server knows them: a client may
      // choose its name, never its role or identity.
      // During a secret round a participant's pointer would show which "+"
      // they press, so it is dropped here whatever their client sends.
      let hideCursor: boolean | null = null;
      const mayPoint = (): boolean => !(hideCursor ??= peer.actor.role !== 'facilitator' && this.kind.kind === 'board' && secretRoundOpen(this.doc));
      for (const list of [added, updated]) {
        for (const id of list) {
          const state = this.awareness.states.get(id) as { user?: Record<string, unknown>; cursor?: unknown } | undefined;
          const user = state?.user;
          if (user && typeof user === 'object') {
            user.role = peer.actor.role;
            user.id = peer.actor.participantId ?? `observer-${peer.id}`;
          }
          if (state && state.cursor != null && !mayPoint()) state.cursor = null;
        }
      }
    }
    for (const list of [added, updated, removed]) for (const id of list) this.pendingAwareness.add(id);
    if (origin !== RELAY_ORIGIN && this.relayed.active) for (const list of [added, updated, removed]) for (const id of list) this.publishedAwareness.add(id);
    this.awarenessOrigins.add(peer);
    this.scheduleFlush();
  };

  private scheduleFlush(): void {
    if (this.flushScheduled || this.destroyed) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flushNow());
  }

  /** Flushes whatever is queued; resolves once it is persisted and relayed. */
  flushNow(): Promise<void> {
    this.flushScheduled = false;
    this.drainInbox();
    this.relayAwareness();
    this.flushChain = this.flushChain.then(() => this.persistAndRelay());
    return this.flushChain;
  }

  private relayAwareness(): void {
    if (this.pendingAwareness.size === 0) return;
    const ids = [...this.pendingAwareness];
    const origins = this.awarenessOrigins;
    this.pendingAwareness = new Set();
    this.awarenessOrigins = new Set();
    this.broadcast(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)), origins);
    if (this.publishedAwareness.size === 0) return;
    this.relayed.publishAwareness(encodeAwarenessUpdate(this.awareness, [...this.publishedAwareness]));
    this.publishedAwareness = new Set();
  }

  /** True while changes are held in memory only (an append failed, or the turn's flush has not run yet). */
  get hasUnstored(): boolean {
    return this.pendingUpdates.length > 0 || this.inbox.size > 0;
  }

  /** Resolves once nothing is held unstored: at once when storage is healthy, after a successful retry when not. */
  async whenStored(): Promise<void> {
    for (;;) {
      if (this.retryDelay === 0 && !this.paused) await this.flushNow();
      else if (this.pendingUpdates.length > 0) await new Promise<void>((resolve) => this.storedWaiters.push(resolve));
      else await this.flushChain;
      if (this.pendingUpdates.length === 0 || this.destroyed) return;
    }
  }

  private tellUnsaved(peers: Iterable<Peer | null>): void {
    const frame = encodeControl({ t: 'saved', ok: false });
    for (const p of peers) {
      if (!p || this.toldUnsaved.has(p) || !this.peers.has(p)) continue;
      this.toldUnsaved.add(p);
      p.send(frame);
    }
  }

  private async persistAndRelay(): Promise<void> {
    if (this.pendingUpdates.length === 0 || this.paused || this.destroyed) return;
    const updates = this.pendingUpdates;
    const origins = this.pendingOrigins;
    this.pendingUpdates = [];
    this.pendingOrigins = new Set();
    const bindings = this.pendingBindings;
    this.pendingBindings = [];
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    try {
      this.lastSeq = await timePersist(() => this.store.append(this.roomId, merged));
    } catch (err) {
      this.pendingBindings = [...bindings, ...this.pendingBindings];
      // Keep the batch (ahead of anything newer) and retry with backoff; peers
      // get it only once it is durable. Their own copies keep it meanwhile.
      this.pendingUpdates = [merged, ...this.pendingUpdates];
      for (const o of origins) this.pendingOrigins.add(o);
      this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay ? this.retryDelay * 2 : RETRY_BASE_MS);
      this.log.error({ err, roomId: this.roomId, retryInMs: this.retryDelay }, 'append failed; will retry');
      this.tellUnsaved(origins);
      if (!this.destroyed) setTimeout(() => this.scheduleFlush(), this.retryDelay).unref();
      return;
    }
    if (this.retryDelay > 0) this.log.info({ roomId: this.roomId }, 'append succeeded again');
    this.retryDelay = 0;
    this.logBytes += merged.byteLength;
    this.logBatches += 1;
    this.relayed.stored(this.lastSeq, merged, bindings);
    this.broadcast(encodeUpdate(merged), origins);
    if (this.pendingUpdates.length === 0) this.settleStored();
    this.maybeScheduleCompaction();
  }

  /** Everything is stored: release held joins and tell writers their changes are saved. */
  private settleStored(): void {
    const waiters = this.storedWaiters;
    this.storedWaiters = [];
    for (const w of waiters) w();
    if (this.toldUnsaved.size === 0) return;
    const frame = encodeControl({ t: 'saved', ok: true });
    for (const p of this.toldUnsaved) if (this.peers.has(p)) p.send(frame);
    this.toldUnsaved.clear();
  }

  /** Sends one frame to every peer, skipping the sender when it was the only one. */
  private broadcast(frame: Uint8Array, origins: Set<Peer | null>): void {
    let skip: Peer | null = null;
    if (origins.size === 1) skip = origins.values().next().value ?? null;
    for (const peer of this.peers.keys()) if (peer !== skip) peer.send(frame);
  }

  private maybeScheduleCompaction(): void {
    if (this.compactTimer || this.destroyed) return;
    if (this.logBytes < this.opts.compactAfterBytes && this.logBatches < this.opts.compactAfterUpdates) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      void this.compact().catch((err: unknown) => this.log.error({ err, roomId: this.roomId }, 'compaction failed'));
    }, this.opts.compactDelayMs);
    this.compactTimer.unref();
  }

  /** Replaces the update log with one snapshot; a no-op when nothing was appended since. */
  async compact(): Promise<void> {
    await this.flushNow();
    if (this.logBatches === 0) return;
    // Everything up to uptoSeq is in the doc (other processes' appends too);
    // the snapshot may also hold later or not-yet-appended changes, which is
    // harmless: Yjs updates are idempotent.
    const uptoSeq = await this.relayed.compactableSeq();
    const bytes = this.logBytes;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.store.compact(this.roomId, snapshot, uptoSeq);
    this.logBytes = 0;
    this.logBatches = 0;
    this.log.debug({ roomId: this.roomId, uptoSeq, logBytes: bytes, snapshotBytes: snapshot.byteLength }, 'compacted');
  }

  /**
   * Flushes, compacts when dirty and releases everything. Refuses (throws
   * UnsavedUpdatesError, the room intact and still retrying) while any change
   * is held unstored: destroying the room then would lose it.
   */
  async close(): Promise<void> {
    await this.flushNow();
    if (this.hasUnstored) throw new UnsavedUpdatesError(this.roomId);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    try {
      await this.compact();
    } catch (err) {
      // The log itself is stored; the next load replays it instead of a snapshot.
      this.log.warn({ err, roomId: this.roomId }, 'compaction on close failed; the update log is kept');
    }
    this.destroy();
  }

  /** Stops appending until `resume`, once the batch in flight (if any) is done. */
  async pause(): Promise<void> {
    this.paused = true;
    await this.flushChain;
  }

  resume(): void {
    this.paused = false;
    this.scheduleFlush();
  }

  /** Releases everything at once, discarding what is unstored: only for a room being deleted. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.relayed.leave();
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    this.pendingUpdates = [];
    this.inbox.clear();
    this.toldUnsaved.clear();
    this.settleStored();
    this.awareness.destroy();
    this.ydoc.destroy();
  }

  /** Used on shutdown (peers reconnect to the next server process) and on deletion. */
  closeAllPeers(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }
}

/** Observers have no participantId: each connection of theirs is an identity of its own. */
const identityOf = (peer: Peer): string => peer.actor.participantId ?? `observer:${peer.id}`;

export class UnsavedUpdatesError extends Error {
  constructor(readonly roomId: string) {
    super(`room ${roomId} holds changes not yet stored`);
    this.name = 'UnsavedUpdatesError';
  }
}
