/** Shown beside the connection status while the server cannot store this person's changes yet. */
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import { useSaveStatus } from '../hooks/useSaveStatus';
import '../styles/SaveStatus.css';

export function SaveStatus() {
  const { t } = useTranslation();
  const saved = useSaveStatus(useBoard().control);
  if (saved) return null;
  return (
    <div className="status status-unsaved" role="status" aria-live="polite" data-saved="false" title={t('saveStatus.unsaved')}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{t('saveStatus.unsaved')}</span>
      <span className="status-short" aria-hidden="true">
        {t('saveStatus.unsavedShort')}
      </span>
    </div>
  );
}
