/** What the facilitator has set that changes what you can do now: the lock,
 * a ready check waiting for your answer, private writing, and a secret
 * round that is closed (so nobody presses "+" on disabled buttons wondering). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { Icon } from './icons';
import { useVoting } from '../hooks/useVoting';
import { ConsultationBanner } from './ConsultationBanner';

const readyKey = (checkId: string): string => `tavolo.ready.${checkId}`;

/** "I'm done" for a ready check, kept on the device so a reload or reconnect does not lose it. */
function storedReady(checkId: string): boolean {
  try {
    return window.localStorage.getItem(readyKey(checkId)) === '1';
  } catch {
    return false;
  }
}

function storeReady(checkId: string, ready: boolean): void {
  try {
    if (ready) window.localStorage.setItem(readyKey(checkId), '1');
    else window.localStorage.removeItem(readyKey(checkId));
  } catch {
    // Private mode: the answer still counts for this connection.
  }
}

function ReadyBanner({ checkId }: { checkId: string }) {
  const { t } = useTranslation();
  const { control, identity } = useBoard();
  const [ready, setReady] = useState(() => storedReady(checkId));
  useEffect(() => {
    const again = storedReady(checkId);
    setReady(again);
    if (!again) return;
    // The server forgets answers when its room unloads or the socket drops: say it again on every (re)connect.
    const resend = (): void => void control.send({ t: 'ready', checkId, ready: true, name: identity.name, sector: identity.sector });
    resend();
    return control.subscribe((msg) => msg.t === 'welcome' && resend());
  }, [checkId, control, identity.name, identity.sector]);
  const toggle = (): void => {
    const next = !ready;
    if (control.send({ t: 'ready', checkId, ready: next, name: identity.name, sector: identity.sector })) {
      storeReady(checkId, next);
      setReady(next);
    }
  };
  return (
    <div className={`banner banner-ready${ready ? ' is-ready' : ''}`} role="region" aria-label={t('ready.question')}>
      <span>{t(ready ? 'ready.thanks' : 'ready.question')}</span>
      <button type="button" className={`btn ${ready ? 'btn-secondary' : 'btn-primary'}`} aria-pressed={ready} onClick={toggle}>
        {ready ? '✓ ' : ''}
        {t('ready.done')}
      </button>
    </div>
  );
}

/** In Priorities, once a secret round is revealed: voting is closed until the facilitator opens another. */
function VotingClosedBanner() {
  const { t } = useTranslation();
  const { settings, status } = useVoting();
  if (settings.mode !== 'secret' || status.state !== 'revealed') return null;
  return (
    <div className="banner banner-closed" role="status" data-voting-closed>
      {t('voting.closedParticipant', { round: status.round })}
    </div>
  );
}

export function SessionBanners({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { role, space } = useBoard();
  if (space !== 'board') return null;
  if (role === 'facilitator') return <ConsultationBanner session={session} />;
  const live = session.meeting === 'live' && session.consultation === null;
  const drafting = role === 'participant' && live && session.phase === 'listening' && session.privateWriting && !session.locked;
  return (
    <>
      <ConsultationBanner session={session} />
      {session.locked && (
        <div className="banner banner-lock" role="status">
          <Icon name="lock" /> {t('lock.banner')}
        </div>
      )}
      {role === 'participant' && session.readyCheck && <ReadyBanner checkId={session.readyCheck.id} />}
      {role === 'participant' && live && session.phase === 'priorities' && <VotingClosedBanner />}
      {drafting && (
        <div className="banner banner-private" role="note">
          {t('privateWriting.banner')}
        </div>
      )}
      {role === 'participant' && session.premoderation && !drafting && (
        <div className="banner banner-private" role="note">
          {t('moderation.banner')}
        </div>
      )}
    </>
  );
}
