/**
 * Yjs updates no well-behaved client sends, written byte by byte in the V1
 * update format (yjs src/utils/encoding.js writeClientsStructs, DeleteSet.js
 * writeDeleteSet): GC structs under any client id, delete sets over clocks
 * nobody has used, items with a clock gap. Plus a raw attacker socket that
 * sends them and collects the server's control messages.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ServerControl, messageControl, readControlPayload } from '../../shared/control';
import { encodeAwareness, encodeUpdate } from '../../shared/protocol';
import { openRaw, type RawSocket } from './rawSocket';
import type { Credentials, RunningServer } from './server';
import { waitFor } from './waitFor';

export interface Range {
  client: number;
  clock: number;
  len: number;
}

/** An update of GC structs (one section per range) and a delete set. */
export function forgeUpdate({ gc = [], deletes = [] }: { gc?: Range[]; deletes?: Range[] }): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, gc.length);
  for (const r of gc) {
    encoding.writeVarUint(e, 1); // structs in this section
    encoding.writeVarUint(e, r.client);
    encoding.writeVarUint(e, r.clock);
    encoding.writeUint8(e, 0); // info 0: a GC struct
    encoding.writeVarUint(e, r.len);
  }
  writeDeleteSet(e, deletes);
  return encoding.toUint8Array(e);
}

function writeDeleteSet(e: encoding.Encoder, deletes: Range[]): void {
  const byClient = new Map<number, Range[]>();
  for (const d of deletes) byClient.set(d.client, [...(byClient.get(d.client) ?? []), d]);
  encoding.writeVarUint(e, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const r of ranges) {
      encoding.writeVarUint(e, r.clock);
      encoding.writeVarUint(e, r.len);
    }
  }
}

/**
 * A replica of `base` whose changes are written under `clientId`: what a
 * client squatting on someone else's id, or replaying its own, would send.
 */
export function replicaAs(base: Y.Doc, clientId: number): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
  // Set afterwards: Yjs picks a new id for a doc that receives structs under its own.
  d.clientID = clientId;
  return d;
}

/** What `change` writes on `replica`, as one update. */
export function changeOf(replica: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  const sv = Y.encodeStateVector(replica);
  change(replica);
  return Y.encodeStateAsUpdate(replica, sv);
}

/** An awareness update for one client id, as y-protocols encodes it. */
export function forgeAwareness(clientId: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encoding.toUint8Array(e);
}

export interface Attacker extends RawSocket {
  /** Control messages the server sent this socket. */
  controls(): ServerControl[];
  sendUpdate(update: Uint8Array): void;
  sendAwareness(update: Uint8Array): void;
  /** Waits for the n-th 'refused' (1-based). */
  refusals(n: number): Promise<ServerControl[]>;
}

export async function openAttacker(server: RunningServer, docName: string, creds: Credentials): Promise<Attacker> {
  // It reads the server's refusals, so it asks for control messages as the Tavolo client does.
  const raw = await openRaw(server, docName, creds.token, creds.identityToken ?? undefined, { params: { control: '1' } });
  const controls = (): ServerControl[] =>
    raw.frames.flatMap((f) => {
      const d = decoding.createDecoder(f);
      if (decoding.readVarUint(d) !== messageControl) return [];
      const parsed = ServerControl.safeParse(readControlPayload(d));
      return parsed.success ? [parsed.data] : [];
    });
  return Object.assign(raw, {
    controls,
    sendUpdate: (u: Uint8Array) => raw.ws.send(encodeUpdate(u)),
    sendAwareness: (u: Uint8Array) => raw.ws.send(encodeAwareness(u)),
    refusals: (n: number) =>
      waitFor(
        () => {
          const r = controls().filter((c) => c.t === 'refused');
          return r.length >= n ? r : null;
        },
        { message: `${n} refusal(s)` },
      ),
  });
}
