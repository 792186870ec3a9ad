/** A sector is always shown as colour and words together, never colour alone. */
import { useTranslation } from 'react-i18next';
import type { NoteView, Sector } from '../../shared/schema';

export function SectorBadge({ sector, compact = false }: { sector: Sector; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`sector-badge sector-${sector}${compact ? ' is-compact' : ''}`} data-sector={sector}>
      <span className="sector-swatch" aria-hidden="true" />
      {t(`sector.${sector}`)}
    </span>
  );
}

/** Who wrote a note, as a badge: their sector, or "Facilitator" for a neutral facilitator's note. */
export function AuthorBadge({ note, compact = false }: { note: Pick<NoteView, 'authorSector' | 'byFacilitator'>; compact?: boolean }) {
  const { t } = useTranslation();
  if (!note.byFacilitator) return <SectorBadge sector={note.authorSector} compact={compact} />;
  return (
    <span className={`sector-badge sector-facilitator${compact ? ' is-compact' : ''}`} data-author-role="facilitator">
      <span className="sector-swatch" aria-hidden="true" />
      {t('identity.facilitatorChip')}
    </span>
  );
}
