/** The toolbar's Undo and Redo (this person's own edits only), their keyboard shortcuts, and the facilitator's version history. */
import { useTranslation } from 'react-i18next';
import type { BoardHistory } from '../lib/boardHistory';
import { useUndo } from '../hooks/useUndo';
import { VersionsButton } from './VersionsButton';

export function UndoButtons({ history, versionsOf }: { history: BoardHistory; versionsOf?: string }) {
  const { t } = useTranslation();
  const { canUndo, canRedo, undo, redo } = useUndo(history);
  return (
    <div className="toolbar-group">
      <button type="button" className="icon-btn tool" aria-label={t('history.undo')} title={t('history.undoShortcut')} disabled={!canUndo} onClick={undo}>
        ↶
      </button>
      <button type="button" className="icon-btn tool" aria-label={t('history.redo')} title={t('history.redoShortcut')} disabled={!canRedo} onClick={redo}>
        ↷
      </button>
      {versionsOf && <VersionsButton roomId={versionsOf} history={history} />}
    </div>
  );
}
