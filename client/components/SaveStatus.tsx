/**
 * Shown beside the connection status while the server cannot store this
 * person's changes yet, on the board or (a participant in Listening) in
 * their private drafts.
 */
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import type { ControlChannel } from '../lib/controlChannel';
import { useSaveStatus } from '../hooks/useSaveStatus';
import '../styles/SaveStatus.css';

export function SaveStatus({ drafts }: { drafts?: ControlChannel | null }) {
  const { t } = useTranslation();
  const boardSaved = useSaveStatus(useBoard().control);
  const draftsSaved = useSaveStatus(drafts);
  if (boardSaved && draftsSaved) return null;
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
