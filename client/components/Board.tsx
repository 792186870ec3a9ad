/**
 * A room: resolves this device's access (link token → server identity),
 * connects the board (and a participant's private drafts), keeps the role
 * the server confirms, and shows the board, the phone view or the projector.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFTS_SUFFIX } from '../../shared/api';
import { useRoomAccess } from '../hooks/useRoomAccess';
import { useSyncedDoc } from '../hooks/useSyncedDoc';
import { useRoomDeleted } from '../hooks/useRoomDeleted';
import type { RoomAccess } from '../lib/access';
import { boardStoreName, clockFor } from '../lib/earlySession';
import type { Role } from '../../shared/phases';
import { InvalidLink } from './InvalidLink';
import { NotFound } from './NotFound';
import { RoomScreen } from './RoomScreen';
import { Toast } from './Toast';
import { WorkshopDeleted } from './WorkshopDeleted';
import '../styles/Board.css';

export function Board({ roomId, present = false }: { roomId: string; present?: boolean }) {
  const { t } = useTranslation();
  const { state, joinToken, confirm } = useRoomAccess(roomId, present);
  switch (state.kind) {
    case 'loading':
      return <div className="loading">{t('status.connecting')}</div>;
    case 'no-link':
    case 'invalid':
    case 'error':
      return <InvalidLink reason={state.kind} />;
    case 'not-found':
      return <NotFound />;
    case 'ready':
      return <ConnectedRoom roomId={roomId} present={present} access={state.access} joinToken={joinToken} confirm={confirm} />;
  }
}

interface ConnectedRoomProps {
  roomId: string;
  present: boolean;
  access: RoomAccess;
  joinToken: string | null;
  confirm: (role: Role, participantId: string | null) => void;
}

function ConnectedRoom({ roomId, present, access, joinToken, confirm }: ConnectedRoomProps) {
  const { t } = useTranslation();
  // The board's early session (lib/earlySession.ts) is adopted only with its own clock.
  const clock = useMemo(() => clockFor(roomId), [roomId]);
  const board = useSyncedDoc({ name: roomId, storeName: boardStoreName(roomId), token: access.token, identity: access.identityToken, clock, undo: !present });
  // Only participants write privately; the server refuses drafts to everyone else.
  const drafts = useSyncedDoc({
    name: roomId + DRAFTS_SUFFIX,
    storeName: `tavolo-drafts-${roomId}`,
    token: access.token,
    identity: access.identityToken,
    clock,
    enabled: access.role === 'participant' && !present,
  });
  const control = board.room?.control;
  useEffect(() => control?.subscribe((msg) => msg.t === 'welcome' && confirm(msg.role, msg.participantId)), [control, confirm]);

  const [toast, setToast] = useState<{ message: string; n: number } | null>(null);
  // An author hears what the facilitator decided about their note or comment waiting for approval.
  useEffect(
    () =>
      control?.subscribe((msg) => {
        if (msg.t !== 'moderated') return;
        const approved = msg.outcome === 'approved';
        const message = msg.kind === 'comment' ? t(approved ? 'moderation.commentApprovedToast' : 'moderation.commentRejectedToast') : t(approved ? 'moderation.approvedToast' : 'moderation.rejectedToast');
        setToast((prev) => ({ message, n: (prev?.n ?? 0) + 1 }));
      }),
    [control, t],
  );
  // Hello goes out once the screen mounted with this commit has subscribed (effects of one commit run together).
  useEffect(() => board.room?.control.release(), [board.room]);
  useEffect(() => drafts.room?.control.release(), [drafts.room]);
  const refusals = (board.refused?.n ?? 0) + (drafts.refused?.n ?? 0);
  const reason = board.refused?.reason ?? drafts.refused?.reason ?? '';
  // Only a new refusal shows a toast, not a language switch or a re-render.
  const [seenRefusals, setSeenRefusals] = useState(refusals);
  if (refusals !== seenRefusals) {
    setSeenRefusals(refusals);
    if (refusals > 0) {
      const keys: Record<string, string | undefined> = { locked: 'refused.locked', phase: 'refused.phase', 'private-writing': 'refused.phase', limit: 'refused.limit', moderated: 'moderation.refused', closed: 'consultation.refused.closed', erased: 'refused.erased' };
      const why = keys[reason] ?? 'refused.other';
      const undone = board.refused?.undo ?? false;
      setToast({ message: `${t(undone ? 'history.undoRefused' : 'refused.toast')} ${t(why)}`, n: refusals });
    }
  }

  const deleted = useRoomDeleted(board.room?.provider);
  if (deleted) return <WorkshopDeleted />;
  if (board.failure === 'not-found') return <NotFound />;
  if (board.failure === 'unauthorized') return <InvalidLink reason="invalid" />;
  if (!board.room || !access.role) return <div className="loading">{t('status.connecting')}</div>;
  return (
    <>
      <RoomScreen
        key={board.room.doc.guid}
        roomId={roomId}
        access={access}
        role={access.role}
        room={board.room}
        drafts={drafts.room}
        status={board.status}
        synced={board.synced}
        clock={clock}
        present={present}
        joinToken={joinToken}
      />
      <Toast message={toast?.message ?? null} event={toast} />
    </>
  );
}
