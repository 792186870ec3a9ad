/** Marks a note written during a consultation window rather than in a meeting. */
import { useTranslation } from 'react-i18next';
import { ORIGIN_MEETING } from '../../shared/documentSchemas';
import '../styles/Consultation.css';

export function OriginBadge({ origin }: { origin: string }) {
  const { t } = useTranslation();
  if (origin === ORIGIN_MEETING) return null;
  return (
    <span className="origin-badge" data-origin={origin}>
      {t('consultation.badge')}
    </span>
  );
}
