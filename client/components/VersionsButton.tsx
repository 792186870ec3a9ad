/** The facilitator's "Versions" tool: opens the version history, and says when a restore is done. */
import { Suspense, useState } from 'react';
import type { BoardHistory } from '../lib/boardHistory';
import { useTranslation } from 'react-i18next';
import { lazyNamed } from '../lib/lazyChunk';
import { Toast } from './Toast';

// Loads with the toolbar, a chunk of its own, so it is here by the time it is opened.
const VersionsDialog = lazyNamed(() => import('./VersionsDialog'), 'VersionsDialog');

export function VersionsButton({ roomId, history }: { roomId: string; history: BoardHistory }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [restored, setRestored] = useState<{ name: string } | null>(null);
  return (
    <>
      <button type="button" className="icon-btn tool" aria-label={t('history.versions.open')} title={t('history.versions.title')} onClick={() => setOpen(true)}>
        <span aria-hidden="true">⟲</span>
      </button>
      <Suspense fallback={null}>
        <VersionsDialog open={open} roomId={roomId} history={history} onClose={() => setOpen(false)} onRestored={(name) => setRestored({ name })} />
      </Suspense>
      <Toast message={restored ? t('history.versions.restored', { name: restored.name }) : null} event={restored} />
    </>
  );
}
