import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  ProtocolError,
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  messageAuth,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
  type IncomingMessage,
} from '../../../shared/protocol';

function boardWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('notes').set('n', text);
  return doc;
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function refusal(frame: Uint8Array): ProtocolError {
  try {
    decodeMessage(frame);
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    return err as ProtocolError;
  }
  throw new Error('frame was accepted');
}

describe('decoding what our encoders write', () => {
  it('reads back a sync step 1 with its state vector', () => {
    const sv = Y.encodeStateVector(boardWithText('hi'));
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual<IncomingMessage>({ kind: 'sync-step1', stateVector: sv });
  });

  it('reads back a sync step 2 and an update, whose bytes rebuild the board', () => {
    const source = boardWithText('solar roofs');
    const update = Y.encodeStateAsUpdate(source);
    for (const [frame, kind] of [
      [encodeSyncStep2(update), 'sync-step2'],
      [encodeUpdate(update), 'update'],
    ] as const) {
      const msg = decodeMessage(frame);
      expect(msg.kind).toBe(kind);
      const target = new Y.Doc();
      if (msg.kind === 'sync-step2' || msg.kind === 'update') Y.applyUpdate(target, msg.update);
      expect(target.getMap('notes').get('n')).toBe('solar roofs');
    }
  });

  it('reads back an awareness update that another awareness instance can apply', () => {
    const sender = new Awareness(new Y.Doc());
    const receiver = new Awareness(new Y.Doc());
    try {
      sender.setLocalState({ name: 'Ada', sector: 'civil' });
      const update = encodeAwarenessUpdate(sender, [sender.clientID]);
      const msg = decodeMessage(encodeAwareness(update));
      expect(msg).toEqual<IncomingMessage>({ kind: 'awareness', update });
      if (msg.kind === 'awareness') applyAwarenessUpdate(receiver, msg.update, 'test');
      expect(receiver.getStates().get(sender.clientID)).toEqual({ name: 'Ada', sector: 'civil' });
    } finally {
      sender.destroy();
      receiver.destroy();
    }
  });

  it('reads a query for awareness, which has no payload', () => {
    expect(decodeMessage(bytes(messageQueryAwareness))).toEqual<IncomingMessage>({ kind: 'query-awareness' });
  });
});

describe('speaking the same protocol as y-websocket', () => {
  it('decodes the sync step 1 a y-websocket client sends', () => {
    const client = boardWithText('x');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeSyncStep1(e, client);
    expect(decodeMessage(encoding.toUint8Array(e))).toEqual<IncomingMessage>({
      kind: 'sync-step1',
      stateVector: Y.encodeStateVector(client),
    });
  });

  it('decodes the update a y-websocket client sends', () => {
    const update = Y.encodeStateAsUpdate(boardWithText('x'));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeUpdate(e, update);
    expect(decodeMessage(encoding.toUint8Array(e))).toEqual<IncomingMessage>({ kind: 'update', update });
  });

  it('a y-websocket client can apply the sync step 2 we send', () => {
    const server = boardWithText('from the server');
    const client = new Y.Doc();
    const d = decoding.createDecoder(encodeSyncStep2(Y.encodeStateAsUpdate(server, Y.encodeStateVector(client))));
    expect(decoding.readVarUint(d)).toBe(messageSync);
    syncProtocol.readSyncMessage(d, encoding.createEncoder(), client, 'server');
    expect(client.getMap('notes').get('n')).toBe('from the server');
  });

  it('a y-websocket client answers the sync step 1 we send with what we lack', () => {
    const client = boardWithText('from the client');
    const server = new Y.Doc();
    const d = decoding.createDecoder(encodeSyncStep1(Y.encodeStateVector(server)));
    expect(decoding.readVarUint(d)).toBe(messageSync);
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, messageSync);
    syncProtocol.readSyncMessage(d, reply, client, 'server');
    const msg = decodeMessage(encoding.toUint8Array(reply));
    expect(msg.kind).toBe('sync-step2');
    if (msg.kind === 'sync-step2') Y.applyUpdate(server, msg.update);
    expect(server.getMap('notes').get('n')).toBe('from the client');
  });
});

describe('refusing bad frames', () => {
  it('rejects frames with trailing bytes as malformed', () => {
    const frame = encodeUpdate(Y.encodeStateAsUpdate(boardWithText('x')));
    const err = refusal(Uint8Array.from([...frame, 0]));
    expect(err.closeCode).toBe(1002);
    expect(err.message).toMatch(/trailing/);
  });

  it('rejects a query for awareness that carries a payload', () => {
    expect(refusal(bytes(messageQueryAwareness, 1)).closeCode).toBe(1002);
  });

  it('rejects an empty frame as malformed', () => {
    expect(refusal(new Uint8Array(0)).closeCode).toBe(1002);
  });

  it('rejects a sync frame cut off before its payload', () => {
    expect(refusal(bytes(messageSync)).closeCode).toBe(1002);
    expect(refusal(bytes(messageSync, 2)).closeCode).toBe(1002);
  });

  it('rejects a frame whose payload length runs past its end', () => {
    expect(refusal(bytes(messageSync, 2, 10, 1, 2, 3)).closeCode).toBe(1002);
  });

  it('rejects a short payload even when the frame is a view into a larger buffer', () => {
    // ws hands out frames that are slices of a bigger pooled buffer.
    const pool = new Uint8Array(64).fill(7);
    pool.set([messageAwareness, 10, 1, 2, 3], 8);
    expect(refusal(pool.subarray(8, 13)).closeCode).toBe(1002);
  });

  it('rejects a message type varint that never ends', () => {
    expect(refusal(bytes(0xff, 0xff, 0xff)).closeCode).toBe(1002);
  });

  it('refuses an unknown message type as unsupported, not malformed', () => {
    const err = refusal(bytes(9));
    expect(err.closeCode).toBe(1003);
    expect(err.message).toMatch(/unknown message type 9/);
  });

  it('refuses auth messages, which this server does not take over the socket', () => {
    expect(refusal(bytes(messageAuth, 0)).closeCode).toBe(1003);
  });

  it('refuses an unknown sync sub-type as unsupported', () => {
    const err = refusal(bytes(messageSync, 7, 0));
    expect(err.closeCode).toBe(1003);
    expect(err.message).toMatch(/unknown sync message type 7/);
  });
});
