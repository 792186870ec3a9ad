/**
 * The entries of a y-protocols awareness update, read exactly as
 * applyAwarenessUpdate reads them, so the server can check whose client ids
 * a presence update speaks for before applying any of it, and re-encode the
 * entries it keeps.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent, JSON. */
  state: string;
}

/** An awareness update's entries, read as y-protocols' applyAwarenessUpdate reads them. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarString(d);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encoding.toUint8Array(e);
}
