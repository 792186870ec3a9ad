/**
 * The y-websocket wire protocol: one websocket frame carries one message,
 * [messageType: varUint, payload...]. Sync payloads are y-protocols' sync
 * messages; awareness payloads are y-protocols' awareness updates. Decoding
 * is strict (no trailing bytes) so a garbled frame is refused, not guessed at.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageControl, readControlPayload } from './control';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export const messageYjsSyncStep1 = 0;
export const messageYjsSyncStep2 = 1;
export const messageYjsUpdate = 2;

export type IncomingMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'control'; payload: unknown };

export class ProtocolError extends Error {
  constructor(
    message: string,
    /** 1002 for a malformed frame, 1003 for a well-formed but unknown type. */
    readonly closeCode: 1002 | 1003,
  ) {
    super(message);
  }
}

export function decodeMessage(data: Uint8Array): IncomingMessage {
  let msg: IncomingMessage;
  const decoder = decoding.createDecoder(data);
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case messageSync: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (sub === messageYjsSyncStep1) msg = { kind: 'sync-step1', stateVector: payload };
        else if (sub === messageYjsSyncStep2) msg = { kind: 'sync-step2', update: payload };
        else if (sub === messageYjsUpdate) msg = { kind: 'update', update: payload };
        else throw new ProtocolError(`unknown sync message type ${sub}`, 1003);
        break;
      }
      case messageAwareness:
        msg = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case messageQueryAwareness:
        msg = { kind: 'query-awareness' };
        break;
      case messageControl:
        msg = { kind: 'control', payload: readControlPayload(decoder) };
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`, 1003);
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`undecodable message: ${(err as Error).message}`, 1002);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message', 1002);
  return msg;
}

const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, messageYjsUpdate);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, messageAwareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
