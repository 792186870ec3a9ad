/** The toolbar's Undo and Redo (this person's own edits only), and their keyboard shortcuts. */
import { useTranslation } from 'react-i18next';
import type { BoardHistory } from '../lib/boardHistory';
import { useUndo } from '../hooks/useUndo';

export function UndoButtons({ history }: { history: BoardHistory }) {
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
    </div>
  );
}
