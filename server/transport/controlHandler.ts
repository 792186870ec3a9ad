/** Tavolo's control messages on the sync socket (shared/control.ts). */
import type { ClientControl } from '../../shared/control';
import { encodeControl } from '../../shared/control';
import type { Logger } from '../log';
import type { Room } from '../rooms/room';
import type { RoomRegistry } from '../rooms/roomRegistry';
import type { Connection } from './connection';

export function createControlHandler(registry: RoomRegistry, log: Logger) {
  return (conn: Connection, room: Room, msg: ClientControl): void => {
    switch (msg.t) {
      case 'hello':
        conn.send(encodeControl({ t: 'welcome', role: conn.actor.role, participantId: conn.actor.participantId, serverNow: Date.now() }));
        room.sendReadiness(conn);
        return;
      case 'time':
        conn.send(encodeControl({ t: 'time', sentAt: msg.sentAt, serverNow: Date.now() }));
        return;
      case 'ready':
        if (conn.actor.role === 'observer' || room.kind.kind !== 'board') return;
        room.markReady(conn, msg.checkId, msg.ready, { name: msg.name, sector: msg.sector });
        return;
      case 'reveal': {
        if (conn.actor.role !== 'facilitator' || room.kind.kind !== 'board') {
          conn.send(encodeControl({ t: 'refused', reason: 'facilitator-only', detail: 'only the facilitator reveals notes' }));
          return;
        }
        registry.reveal(room.roomId).then(
          (notes) => room.forEachPeer((p) => p.send(encodeControl({ t: 'revealed', notes }))),
          (err: unknown) => log.error({ err, roomId: room.roomId }, 'reveal failed'),
        );
        return;
      }
      default: {
        const never: never = msg;
        return never;
      }
    }
  };
}
