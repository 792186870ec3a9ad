/** Title, share link, connection, dots left, people, language, and me. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import type { ConnectionStatus as Status } from '../hooks/useRoomConnection';
import { useSession } from '../hooks/useSession';
import { useVoteBudget } from '../hooks/useVoteBudget';
import { ConnectionStatus } from './ConnectionStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceList } from './PresenceList';
import { SectorBadge } from './SectorBadge';
import { ShareLink } from './ShareLink';

interface BoardHeaderProps {
  status: Status;
  synced: boolean;
  onEditIdentity: () => void;
}

function DotsLeft() {
  const { t } = useTranslation();
  const { doc, identity } = useBoard();
  const { remaining, budget } = useVoteBudget(doc, identity.id);
  return (
    <div className={`dots-left${remaining === 0 ? ' is-empty' : ''}`} role="status" aria-live="polite" data-remaining={remaining}>
      <span className="dots-left-pips" aria-hidden="true">
        {Array.from({ length: Math.min(budget, 10) }, (_, i) => (
          <span key={i} className={`dot-pip${i < remaining ? ' is-on' : ''}`} />
        ))}
      </span>
      <span className="dots-left-long">{t('dots.left', { remaining, budget })}</span>
      <span className="dots-left-short" aria-hidden="true">
        <span className="dot-pip is-on" /> {remaining}/{budget}
      </span>
    </div>
  );
}

/** Memoised: the board re-renders on every pan frame, the header need not. */
export const BoardHeader = memo(function BoardHeader({ status, synced, onEditIdentity }: BoardHeaderProps) {
  const { t } = useTranslation();
  const { doc, identity } = useBoard();
  const session = useSession(doc);
  return (
    <header className="board-header">
      <div className="board-title-row">
        <a className="brand" href="/" aria-label={t('app.name')}>
          <span className="brand-mark" aria-hidden="true">T</span>
        </a>
        <h1 className="board-title">{session.title || '\u00a0'}</h1>
        <ConnectionStatus status={status} synced={synced} />
      </div>
      <div className="board-header-tools">
        <span className="header-break" aria-hidden="true" />
        <ShareLink url={window.location.href} />
        <DotsLeft />
        <PresenceList />
        <LanguageSwitch />
        <button
          type="button"
          className="identity-chip"
          aria-label={t('identity.change', { name: identity.name, sector: t(`sector.${identity.sector}`) })}
          onClick={onEditIdentity}
        >
          <span className="identity-name">{identity.name}</span>
          <SectorBadge sector={identity.sector} compact />
        </button>
      </div>
    </header>
  );
});
