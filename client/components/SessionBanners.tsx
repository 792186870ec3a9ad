/** What the facilitator has set that changes what you can do now: the lock,
 * a ready check waiting for your answer, and private writing. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { Icon } from './icons';

function ReadyBanner({ checkId }: { checkId: string }) {
  const { t } = useTranslation();
  const { control, identity } = useBoard();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(false), [checkId]);
  const toggle = (): void => {
    const next = !ready;
    if (control.send({ t: 'ready', checkId, ready: next, name: identity.name, sector: identity.sector })) setReady(next);
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

export function SessionBanners({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { role, space } = useBoard();
  if (role === 'facilitator' || space !== 'board') return null;
  const drafting = role === 'participant' && session.phase === 'listening' && session.privateWriting && !session.locked;
  return (
    <>
      {session.locked && (
        <div className="banner banner-lock" role="status">
          <Icon name="lock" /> {t('lock.banner')}
        </div>
      )}
      {role === 'participant' && session.readyCheck && <ReadyBanner checkId={session.readyCheck.id} />}
      {drafting && (
        <div className="banner banner-private" role="note">
          {t('privateWriting.banner')}
        </div>
      )}
    </>
  );
}
