/**
 * The relay between processes over Redis pub/sub (ioredis): one channel per
 * document, subscribed while the document is loaded here. Redis keeps
 * nothing: what a subscriber misses (Redis restarting, a subscription in
 * flight) it reads back from the store, which is the only place updates
 * live. So a Redis outage splits the processes for its duration (each keeps
 * serving its own peers, storing everything) and they converge once it is
 * back.
 *
 * Message: kind byte, the sender's process id (8 bytes), then for an update
 * its sequence (float64), the bindings as JSON after their length (uint32),
 * and the update; for awareness the awareness update; for a signal its JSON.
 */
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import type { Bindings, Relay, RelayHandlers, RoomSignal } from './relay';

const KIND_UPDATE = 1;
const KIND_AWARENESS = 2;
const KIND_SIGNAL = 3;
const ID_BYTES = 8;
const channelOf = (docId: string): string => `tavolo:doc:${docId}`;

export function encodeRelayUpdate(from: Buffer, seq: number, update: Uint8Array, bindings: Bindings): Buffer {
  const json = Buffer.from(bindings.length > 0 ? JSON.stringify(bindings) : '');
  const head = Buffer.alloc(1 + ID_BYTES + 8 + 4);
  head.writeUInt8(KIND_UPDATE, 0);
  from.copy(head, 1);
  head.writeDoubleBE(seq, 1 + ID_BYTES);
  head.writeUInt32BE(json.byteLength, 1 + ID_BYTES + 8);
  return Buffer.concat([head, json, update]);
}

/** Awareness updates and signals: the kind, the sender, the payload. */
function encodeRelayPayload(kind: number, from: Buffer, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(1 + ID_BYTES);
  head.writeUInt8(kind, 0);
  from.copy(head, 1);
  return Buffer.concat([head, payload]);
}

const copy = (b: Buffer): Uint8Array => new Uint8Array(b);

function deliver(message: Buffer, self: Buffer, handlers: Iterable<RelayHandlers>): void {
  if (message.byteLength < 1 + ID_BYTES || message.subarray(1, 1 + ID_BYTES).equals(self)) return;
  const kind = message.readUInt8(0);
  if (kind === KIND_UPDATE) {
    const at = 1 + ID_BYTES;
    const seq = message.readDoubleBE(at);
    const jsonBytes = message.readUInt32BE(at + 8);
    const json = message.subarray(at + 12, at + 12 + jsonBytes).toString();
    const bindings = (json ? JSON.parse(json) : []) as Bindings;
    const update = copy(message.subarray(at + 12 + jsonBytes));
    for (const h of handlers) h.update(seq, update, bindings);
  } else if (kind === KIND_AWARENESS) {
    const update = copy(message.subarray(1 + ID_BYTES));
    for (const h of handlers) h.awareness(update);
  } else if (kind === KIND_SIGNAL) {
    const signal = JSON.parse(message.subarray(1 + ID_BYTES).toString()) as RoomSignal;
    for (const h of handlers) h.signal(signal);
  }
}

export interface RedisRelayOptions {
  url: string;
  log: Logger;
}

export function createRedisRelay({ url, log }: RedisRelayOptions): Relay {
  const self = crypto.randomBytes(ID_BYTES);
  // Publishing while Redis is away fails at once rather than queueing:
  // subscribers catch up from the store when it is back.
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Resubscribed by hand on every ready, so the catch-up starts only once
  // the subscription is live again.
  const sub = new Redis(url, { autoResubscribe: false, maxRetriesPerRequest: null });
  const members = new Map<string, Set<RelayHandlers>>();
  let lastError = '';
  const onError = (which: string) => (err: Error) => {
    // ioredis retries on its own; say so once per distinct failure.
    if (err.message !== lastError) log.warn({ err, connection: which }, 'Redis relay connection failing; retrying');
    lastError = err.message;
  };
  pub.on('error', onError('publish'));
  sub.on('error', onError('subscribe'));

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const handlers = members.get(channel.toString());
    if (!handlers) return;
    try {
      deliver(message, self, handlers);
    } catch (err) {
      log.error({ err, channel: channel.toString() }, 'relay message could not be applied');
    }
  });

  let everReady = false;
  sub.on('ready', () => {
    lastError = '';
    if (!everReady) {
      everReady = true;
      return;
    }
    const channels = [...members.keys()];
    if (channels.length === 0) return;
    log.info({ documents: channels.length }, 'Redis relay back: resubscribing and catching up from the store');
    sub.subscribe(...channels).then(
      () => {
        for (const channel of channels) for (const h of members.get(channel) ?? []) h.subscribed();
      },
      (err: unknown) => log.warn({ err }, 'resubscribing failed'),
    );
  });

  const publish = (docId: string, message: Buffer): void => {
    if (pub.status !== 'ready') return;
    pub.publish(channelOf(docId), message).catch(() => undefined);
  };

  return {
    join(docId, handlers) {
      const channel = channelOf(docId);
      let set = members.get(channel);
      if (!set) {
        set = new Set();
        members.set(channel, set);
      }
      set.add(handlers);
      // Whatever was stored between the load and now is read back once the subscription is live.
      sub.subscribe(channel).then(
        () => handlers.subscribed(),
        (err: unknown) => log.warn({ err, roomId: docId }, 'subscribing to the relay failed; retried when Redis is back'),
      );
      return {
        publishUpdate: (seq, update, bindings) => publish(docId, encodeRelayUpdate(self, seq, update, bindings)),
        publishAwareness: (update) => publish(docId, encodeRelayPayload(KIND_AWARENESS, self, update)),
        publishSignal: (signal) => publish(docId, encodeRelayPayload(KIND_SIGNAL, self, Buffer.from(JSON.stringify(signal)))),
        leave() {
          const current = members.get(channel);
          if (!current?.delete(handlers) || current.size > 0) return;
          members.delete(channel);
          sub.unsubscribe(channel).catch(() => undefined);
        },
      };
    },
    announce(docId, signal) {
      publish(docId, encodeRelayPayload(KIND_SIGNAL, self, Buffer.from(JSON.stringify(signal))));
    },
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
