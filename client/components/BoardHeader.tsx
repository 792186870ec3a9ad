/** Title, connection, links, dots left, people, view switch, language, and me. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { presenceIsLive } from '../lib/connectionStatus';
import type { PeerUser } from '../hooks/usePeers';
import type { ConnectionStatus as Status } from '../hooks/useSyncedDoc';
import type { ViewMode } from '../hooks/useViewMode';
import { useSession } from '../hooks/useSession';
import { useVoteBudget } from '../hooks/useVoteBudget';
import { ConnectionStatus } from './ConnectionStatus';
import { SaveStatus } from './SaveStatus';
import type { ControlChannel } from '../lib/controlChannel';
import { LanguageSwitch } from './LanguageSwitch';
import { PresenceList } from './PresenceList';
import { SectorBadge } from './SectorBadge';
import { VoteRefusedToast } from './VoteRefusedToast';

interface BoardHeaderProps {
  status: Status;
  synced: boolean;
  peers: PeerUser[];
  crowd: boolean;
  viewMode: ViewMode;
  onViewMode: (mode: ViewMode) => void;
  onEditIdentity: () => void;
  onLinks?: () => void;
  onFacilitate?: () => void;
  facilitateOpen?: boolean;
  /** A participant's private drafts, whose save status shows too. */
  draftsControl?: ControlChannel | null;
}

export function DotsLeft() {
  const { t } = useTranslation();
  const { remaining, budget } = useVoteBudget();
  return (
    <>
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
      <VoteRefusedToast />
    </>
  );
}

/** In a crowd, presence is counts per sector instead of faces. */
export function CrowdPresence({ peers, live = true }: { peers: PeerUser[]; live?: boolean }) {
  const { t } = useTranslation();
  if (!live) return <PresenceList peers={peers} live={false} />;
  return (
    <div className="crowd-presence" role="status" aria-label={t('presence.button', { count: peers.length })}>
      <strong>{t('presence.button', { count: peers.length })}</strong>
      {SECTORS.map((s) => (
        <span key={s} className="crowd-sector">
          <SectorBadge sector={s} compact /> {peers.filter((p) => p.sector === s).length}
        </span>
      ))}
    </div>
  );
}

export function ViewSwitch({ mode, onChange }: { mode: ViewMode; onChange: (mode: ViewMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('view.label')}>
      <button type="button" className="segmented-btn" aria-pressed={mode === 'board'} onClick={() => onChange('board')}>
        <span className="view-long">{t('view.board')}</span>
        <span className="view-short" aria-hidden="true">
          {t('view.boardShort')}
        </span>
      </button>
      <button type="button" className="segmented-btn" aria-pressed={mode === 'simple'} onClick={() => onChange('simple')}>
        <span className="view-long">{t('view.simple')}</span>
        <span className="view-short" aria-hidden="true">
          {t('view.simpleShort')}
        </span>
      </button>
      <button type="button" className="segmented-btn" aria-pressed={mode === 'outline'} onClick={() => onChange('outline')}>
        <span className="view-long">{t('outline.view')}</span>
        <span className="view-short" aria-hidden="true">
          {t('outline.viewShort')}
        </span>
      </button>
    </div>
  );
}

/** Me: name and sector (or "Facilitator" when neutral); opens the join dialog, pre-filled, to change them. */
export function IdentityChip({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  const { identity } = useBoard();
  return (
    <button
      type="button"
      className="identity-chip"
      data-identity-sector={identity.neutral ? 'neutral' : identity.sector}
      // The name begins with what the chip shows (WCAG 2.5.3), then says what it does.
      aria-label={
        identity.neutral
          ? t('a11y.identityChipFacilitator', { name: identity.name })
          : t('a11y.identityChip', { name: identity.name, badge: t(`sector.${identity.sector}`) })
      }
      onClick={onClick}
    >
      <span className="identity-name">{identity.name}</span>{' '}
      {identity.neutral ? <span className="role-badge">{t('identity.facilitatorChip')}</span> : <SectorBadge sector={identity.sector} compact />}
    </button>
  );
}

/** Memoised: the board re-renders on every pan frame, the header need not. */
export const BoardHeader = memo(function BoardHeader(p: BoardHeaderProps) {
  const { t } = useTranslation();
  const { doc, role, rights } = useBoard();
  const session = useSession(doc);
  const live = presenceIsLive(p.status);
  return (
    <header className="board-header">
      <div className="board-title-row">
        <a className="brand" href="/" aria-label={t('app.name')}>
          <span className="brand-mark" aria-hidden="true">T</span>
        </a>
        <h1 className="board-title">{session.title || '\u00a0'}</h1>
        <ConnectionStatus status={p.status} synced={p.synced} />
        <SaveStatus drafts={p.draftsControl} />
        {role === 'observer' && <span className="role-badge">{t('role.observer')}</span>}
      </div>
      <div className="board-header-tools">
        <span className="header-break" aria-hidden="true" />
        {p.onLinks && (
          <button type="button" className="btn btn-secondary" onClick={p.onLinks}>
            {t('links.open')}
          </button>
        )}
        {rights.vote && role !== 'observer' && <DotsLeft />}
        {p.crowd ? <CrowdPresence peers={p.peers} live={live} /> : <PresenceList peers={p.peers} live={live} />}
        <ViewSwitch mode={p.viewMode} onChange={p.onViewMode} />
        <LanguageSwitch />
        {p.onFacilitate && (
          <button type="button" className="btn btn-ghost" aria-pressed={p.facilitateOpen} onClick={p.onFacilitate}>
            {t('facilitate.title')}
          </button>
        )}
        {role !== 'observer' && <IdentityChip onClick={p.onEditIdentity} />}
      </div>
    </header>
  );
});
