/** Who is here: a compact button with avatars that opens the full list. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerUser } from '../hooks/usePeers';
import { SectorBadge } from './SectorBadge';

const AVATARS_SHOWN = 4;

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

/** Not live (offline or reconnecting): awareness still lists who was here, so no count is claimed. */
export function PresenceList({ peers, live = true }: { peers: PeerUser[]; live?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!live) {
    return (
      <div className="presence" data-live="false">
        <span className="btn btn-ghost presence-btn presence-stale" role="status">
          <span className="presence-full">{t('presence.unknown')}</span>
          <span className="presence-short" aria-hidden="true">
            {t('presence.unknownShort')}
          </span>
        </span>
      </div>
    );
  }

  return (
    <div className="presence" ref={ref} data-live="true">
      <button
        type="button"
        className="btn btn-ghost presence-btn"
        aria-label={t('presence.button', { count: peers.length })}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatars" aria-hidden="true">
          {peers.slice(0, AVATARS_SHOWN).map((p) => (
            <span key={p.id} className="avatar" style={{ background: p.color }}>
              {initials(p.name)}
            </span>
          ))}
        </span>
        <span className="presence-full" aria-hidden="true">
          {t('presence.button', { count: peers.length })}
        </span>
        <span className="presence-short" aria-hidden="true">
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="8" r="4" fill="currentColor" />
            <path d="M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8" fill="currentColor" />
          </svg>
          {peers.length}
        </span>
      </button>
      {open && (
        <div className="popover presence-list">
          <h3 className="popover-title">{t('presence.title')}</h3>
          <ul>
            {peers.map((p) => (
              <li key={p.id} className="presence-item" data-peer-id={p.id}>
                <span className="avatar" style={{ background: p.color }} aria-hidden="true">
                  {initials(p.name)}
                </span>
                <span className="presence-name">
                  {p.name} {p.isSelf && <span className="muted">{t('presence.you')}</span>}
                </span>
                <span className="muted small">{t(`where.${p.where}`)}</span>
                <SectorBadge sector={p.sector} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
