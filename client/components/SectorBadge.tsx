/** A sector is always shown as colour and words together, never colour alone. */
import { useTranslation } from 'react-i18next';
import type { Sector } from '../../shared/schema';

export function SectorBadge({ sector, compact = false }: { sector: Sector; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`sector-badge sector-${sector}${compact ? ' is-compact' : ''}`} data-sector={sector}>
      <span className="sector-swatch" aria-hidden="true" />
      {t(`sector.${sector}`)}
    </span>
  );
}
