/**
 * What a Yjs update would integrate, as Yjs itself decides it
 * (yjs src/utils/encoding.js readClientsStructRefs and integrateStructs,
 * DeleteSet.js readAndApplyDeleteSet), before anything is applied:
 *
 * - which client ids it writes structs under (Items and GC structs alike;
 *   structs the document already has integrate nothing and are left out);
 * - whether all of it integrates now. Yjs parks a struct whose clock leaves a
 *   gap, or whose origin, right origin or parent it does not have, as
 *   `pendingStructs`, and a delete over clocks it has not integrated as
 *   `pendingDs`; both are applied later by a future update, unchecked. An
 *   update that would leave anything pending is refused whole; a
 *   well-behaved y-websocket client never sends one.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { RejectedUpdate } from './updateInspector';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Decodes a V1 update as Y.decodeUpdate does, and refuses the encodings on
 * which it and Y.applyUpdate would disagree: applyUpdate keeps only the last
 * section of a client written twice, and nothing of an empty section.
 */
export function decodeUpdateStrictly(update: Uint8Array): DecodedUpdate {
  let decoded: DecodedUpdate;
  let sections: number;
  try {
    sections = decoding.readVarUint(decoding.createDecoder(update));
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    throw new RejectedUpdate(`undecodable Yjs update: ${(err as Error).message}`);
  }
  const clients = new Set<number>();
  let previous: number | null = null;
  for (const s of decoded.structs) {
    if (s.id.client !== previous && clients.has(s.id.client)) throw new RejectedUpdate('a client is written in two sections');
    clients.add((previous = s.id.client));
  }
  if (clients.size !== sections) throw new RejectedUpdate('an update section is empty or repeated');
  return decoded;
}

export interface Integration {
  /** Client ids under which the update integrates new structs. */
  writers: Set<number>;
  /** Why the update would not integrate whole right now; null when it would. */
  pending: string | null;
}

type Struct = DecodedUpdate['structs'][number];
interface Dependency {
  client: number;
  clock: number;
}

/** Other clients' structs an item needs first (Item.getMissing), or a reason it never integrates. */
function dependencies(s: Struct): Dependency[] | string {
  if (!(s instanceof Y.Item)) return [];
  const parent = s.parent as unknown;
  const ids = [s.origin, s.rightOrigin, parent instanceof Y.ID ? parent : null];
  const deps: Dependency[] = [];
  for (const id of ids) {
    if (!id) continue;
    // Yjs looks same-client neighbours up without waiting for them: they must come first.
    if (id.client === s.id.client) {
      if (id.clock >= s.id.clock) return 'an item refers forward to its own client';
      continue;
    }
    deps.push({ client: id.client, clock: id.clock });
  }
  return deps;
}

export function checkIntegration(doc: Y.Doc, decoded: DecodedUpdate): Integration {
  const writers = new Set<number>();
  const byClient = new Map<number, Struct[]>();
  for (const s of decoded.structs) {
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  // How far each client's clock reaches once what can be integrated is.
  const reach = new Map<number, number>();
  const reachOf = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client);
  const next = new Map<number, number>([...byClient.keys()].map((c) => [c, 0]));
  /** Clients waiting for another client's clock to pass a value. */
  const waiting = new Map<number, { client: number; clock: number }[]>();
  const queue = [...byClient.keys()];
  let pending: string | null = null;

  const advance = (client: number): void => {
    const list = byClient.get(client)!;
    let i = next.get(client)!;
    for (; i < list.length; i++) {
      const s = list[i]!;
      const at = reachOf(client);
      if (s instanceof Y.Skip || s.id.clock + s.length <= at) continue; // integrates nothing
      if (s.id.clock > at) {
        pending ??= `a clock gap in client ${client}`;
        break;
      }
      const deps = dependencies(s);
      if (typeof deps === 'string') {
        pending ??= deps;
        break;
      }
      const missing = deps.find((d) => d.clock >= reachOf(d.client));
      if (missing) {
        let list = waiting.get(missing.client);
        if (!list) waiting.set(missing.client, (list = []));
        list.push({ client, clock: missing.clock });
        break;
      }
      writers.add(client);
      reach.set(client, s.id.clock + s.length);
    }
    next.set(client, i);
    const waiters = waiting.get(client);
    if (!waiters) return;
    const now = reachOf(client);
    const stillWaiting = waiters.filter((w) => w.clock >= now);
    for (const w of waiters) if (w.clock < now) queue.push(w.client);
    if (stillWaiting.length > 0) waiting.set(client, stillWaiting);
    else waiting.delete(client);
  };
  while (queue.length > 0 && pending === null) advance(queue.pop()!);
  if (pending === null) {
    for (const [client, list] of byClient) {
      if (list.slice(next.get(client)!).some((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > reachOf(client))) {
        pending = `structs of client ${client} depend on changes the server does not have`;
        break;
      }
    }
  }
  if (pending === null) {
    for (const [client, ranges] of decoded.ds.clients) {
      for (const { clock, len } of ranges) {
        if (len <= 0 || clock + len > reachOf(client)) {
          pending = `a delete over clocks of client ${client} the server has not integrated`;
          break;
        }
      }
      if (pending !== null) break;
    }
  }
  return { writers, pending };
}

/**
 * Drops whatever Yjs holds pending. Nothing should be (updates that would
 * leave anything are refused), but if something ever is, it must never be
 * integrated later by an update that was checked without it.
 */
export function dropPending(doc: Y.Doc): boolean {
  const store = doc.store;
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}
