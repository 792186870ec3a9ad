/** Tavolo's control messages on the sync socket (shared/control.ts). */
import type { ClientControl } from '../../shared/control';
import { encodeControl } from '../../shared/control';
import type { Logger } from '../log';
import type { Room } from '../rooms/room';
import type { RoomRegistry } from '../rooms/roomRegistry';
import type { Connection } from './connection';
import { SecretVoting } from '../rooms/secretVoting';
import { DraftCounts } from '../rooms/draftCounts';
import { Moderation } from '../rooms/moderation';
import { readSession } from '../../shared/schema';
import type { ConsultationOutcome } from '../rooms/consultations';

/** The open window, or the last one closed, opened voting. */
function consultationVoting(room: Room): boolean {
  const s = readSession(room.doc);
  const last = s.consultation ?? s.consultations[s.consultations.length - 1];
  return last?.opens.voting === true;
}

export function createControlHandler(registry: RoomRegistry, log: Logger) {
  const voting = new SecretVoting(registry);
  const drafts = new DraftCounts(registry);
  const moderation = new Moderation(registry, log);
  const failed = (what: string, roomId: string) => (err: unknown) => log.error({ err, roomId }, `${what} failed`);
  const facilitatorOnly = (conn: Connection, room: Room, what: string): boolean => {
    if (conn.actor.role === 'facilitator' && room.kind.kind === 'board') return true;
    conn.send(encodeControl({ t: 'refused', reason: 'facilitator-only', detail: `only the facilitator ${what}` }));
    return false;
  };
  /** A consultation change either shows in the board or is answered with why not. */
  const consultationDone = (conn: Connection) => (r: ConsultationOutcome<unknown>) => {
    if (!r.ok) conn.send(encodeControl({ t: 'consultationRefused', reason: r.reason }));
  };
  return (conn: Connection, room: Room, msg: ClientControl): void => {
    switch (msg.t) {
      case 'hello':
        conn.send(encodeControl({ t: 'welcome', role: conn.actor.role, participantId: conn.actor.participantId, serverNow: Date.now() }));
        room.sendReadiness(conn);
        if (room.kind.kind === 'board') voting.greet(room, conn).catch(failed('ballot greeting', room.roomId));
        if (room.kind.kind === 'board') drafts.greet(room, conn).catch(failed('draft count', room.roomId));
        if (room.kind.kind === 'board') moderation.greet(room, conn).catch(failed('moderation queue', room.roomId));
        return;
      case 'time':
        conn.send(encodeControl({ t: 'time', sentAt: msg.sentAt, serverNow: Date.now() }));
        return;
      case 'ready':
        if (conn.actor.role === 'observer' || room.kind.kind !== 'board') return;
        room.markReady(conn, msg.checkId, msg.ready, { name: msg.name, sector: msg.sector });
        return;
      case 'reveal':
        if (!facilitatorOnly(conn, room, 'reveals notes')) return;
        registry
          .reveal(room.roomId)
          .then(({ notes, pending }) => room.tell({}, encodeControl({ t: 'revealed', notes, pending })))
          .catch(failed('reveal', room.roomId));
        return;
      case 'vote':
        if (room.kind.kind !== 'board') return;
        voting.vote(room, conn, msg.itemId, msg.delta, msg.sector, msg.where).catch(failed('vote', room.roomId));
        return;
      case 'revealVotes':
        if (!facilitatorOnly(conn, room, 'reveals results')) return;
        // One click outside Priorities must not close a round nobody has voted in; a consultation's round is revealed from any phase.
        if (readSession(room.doc).phase !== 'priorities' && !consultationVoting(room)) {
          conn.send(encodeControl({ t: 'refused', reason: 'phase', detail: 'results are revealed in the Priorities phase' }));
          return;
        }
        voting.reveal(room).catch(failed('results reveal', room.roomId));
        return;
      case 'reopenVoting':
        if (!facilitatorOnly(conn, room, 'opens a new round')) return;
        voting.reopen(room).catch(failed('new round', room.roomId));
        return;
      case 'moderationQueue':
        if (!facilitatorOnly(conn, room, 'reads the moderation queue')) return;
        moderation.greet(room, conn).catch(failed('moderation queue', room.roomId));
        return;
      case 'moderate':
        if (!facilitatorOnly(conn, room, 'moderates')) return;
        // Nothing to act on (another facilitator was quicker) needs no answer: the queue they get next says so.
        moderation.act(room, msg.action, msg.kind, msg.id).catch(failed('moderation', room.roomId));
        return;
      case 'openConsultation': {
        if (!facilitatorOnly(conn, room, 'opens a consultation')) return;
        const { opens, prompt, deadline, autoReveal } = msg;
        registry.consultations
          .open(room.roomId, { opens, prompt, deadline, autoReveal })
          .then(consultationDone(conn))
          .catch(failed('consultation open', room.roomId));
        return;
      }
      case 'extendConsultation':
        if (!facilitatorOnly(conn, room, 'extends a consultation')) return;
        registry.consultations.extend(room.roomId, msg.windowId, msg.deadline).then(consultationDone(conn)).catch(failed('consultation extension', room.roomId));
        return;
      case 'closeConsultation':
        if (!facilitatorOnly(conn, room, 'closes a consultation')) return;
        registry.consultations.close(room.roomId, msg.windowId).then(consultationDone(conn)).catch(failed('consultation close', room.roomId));
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  };
}
