/** The facilitator's "Versions" tool: opens the version history, and says when a restore is done. */
import { useState } from 'react';
import type { BoardHistory } from '../lib/boardHistory';
import { useTranslation } from 'react-i18next';
import { Toast } from './Toast';
import { VersionsDialog } from './VersionsDialog';

export function VersionsButton({ roomId, history }: { roomId: string; history: BoardHistory }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [restored, setRestored] = useState<{ name: string } | null>(null);
  return (
    <>
      <button type="button" className="icon-btn tool" aria-label={t('history.versions.open')} title={t('history.versions.title')} onClick={() => setOpen(true)}>
        <span aria-hidden="true">⟲</span>
      </button>
      <VersionsDialog open={open} roomId={roomId} history={history} onClose={() => setOpen(false)} onRestored={(name) => setRestored({ name })} />
      <Toast message={restored ? t('history.versions.restored', { name: restored.name }) : null} event={restored} />
    </>
  );
}
