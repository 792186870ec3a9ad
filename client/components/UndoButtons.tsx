/**
 * Undo and Redo (this person's own edits only), their keyboard shortcuts,
 * and, on the toolbar, the facilitator's version history. The toolbar shows
 * icons; the phone view shows touch-sized buttons with their names written
 * out, since a phone has no tooltip and often no keyboard. Both drive the
 * same undo manager (useUndo), and a refused undo is explained by the
 * room's toast on either screen.
 */
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

/** The phone's Undo and Redo: a row of two large buttons, named in words. */
export function TouchUndoButtons({ history }: { history: BoardHistory }) {
  const { t } = useTranslation();
  const { canUndo, canRedo, undo, redo } = useUndo(history);
  return (
    <div className="touch-undo" role="group" aria-label={t('history.group')}>
      <button type="button" className="btn btn-secondary touch-undo-btn" disabled={!canUndo} onClick={undo}>
        <span aria-hidden="true">↶</span> {t('history.undo')}
      </button>
      <button type="button" className="btn btn-secondary touch-undo-btn" disabled={!canRedo} onClick={redo}>
        <span aria-hidden="true">↷</span> {t('history.redo')}
      </button>
    </div>
  );
}
