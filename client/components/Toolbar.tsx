/** The board's tools: create (as the phase allows), zoom, fit, results,
 * following the facilitator, and the facilitator's panel and settings. */
import { useTranslation } from 'react-i18next';
import type { BoardHistory } from '../lib/boardHistory';
import { Icon } from './icons';
import { UndoButtons } from './UndoButtons';

interface ToolbarProps {
  zoom: number;
  resultsOpen: boolean;
  /** Absent when this person may not add notes now. */
  onAddNote?: () => void;
  /** Absent when this person may not create scenarios now. */
  onNewScenario?: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onResetZoom: () => void;
  onFit: () => void;
  onToggleResults: () => void;
  /** Facilitator only. */
  onSettings?: () => void;
  /** Everyone but the facilitator. */
  following?: boolean;
  onToggleFollow?: () => void;
  /** This person's undo stack; absent for the projector. */
  history?: BoardHistory | null;
  /** Facilitator only: the room whose versions the toolbar opens. */
  versionsOf?: string;
}

export function Toolbar(p: ToolbarProps) {
  const { t } = useTranslation();
  const percent = Math.round(p.zoom * 100);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} data-focus-home>
      {(p.onAddNote || p.onNewScenario) && (
        <div className="toolbar-group">
          {p.onAddNote && (
            <button type="button" className="btn btn-primary tool" onClick={p.onAddNote}>
              <span aria-hidden="true" className="tool-icon">+</span>
              {t('toolbar.addNote')}
            </button>
          )}
          {p.onNewScenario && (
            <button type="button" className="btn btn-secondary tool" onClick={p.onNewScenario}>
              <span aria-hidden="true" className="tool-icon">▢</span>
              {t('toolbar.newScenario')}
            </button>
          )}
        </div>
      )}
      {p.history && <UndoButtons history={p.history} versionsOf={p.versionsOf} />}
      <div className="toolbar-group">
        <button type="button" className="icon-btn tool" aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')} onClick={p.onZoomOut}>
          −
        </button>
        <button
          type="button"
          className="btn btn-ghost tool zoom-level"
          aria-label={t('toolbar.zoomLevel', { percent })}
          title={t('toolbar.zoomLevel', { percent })}
          onClick={p.onResetZoom}
        >
          {percent}%
        </button>
        <button type="button" className="icon-btn tool" aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')} onClick={p.onZoomIn}>
          +
        </button>
        <button type="button" className="btn btn-ghost tool" aria-label={t('toolbar.fit')} title={t('toolbar.fit')} onClick={p.onFit}>
          <span aria-hidden="true" className="tool-icon">⤢</span>
          <span className="tool-label">{t('toolbar.fit')}</span>
        </button>
      </div>
      <div className="toolbar-group">
        {p.onToggleFollow && (
          <button type="button" className="btn btn-ghost tool" aria-pressed={p.following} onClick={p.onToggleFollow}>
            <span aria-hidden="true" className="tool-icon">◎</span>
            <span className="tool-label">{t('spotlight.follow')}</span>
          </button>
        )}
        <button
          type="button"
          className="btn btn-ghost tool"
          aria-label={t('toolbar.results')}
          aria-pressed={p.resultsOpen}
          onClick={p.onToggleResults}
        >
          <span aria-hidden="true" className="tool-icon">▤</span>
          <span className="tool-label">{t('toolbar.results')}</span>
        </button>
        {p.onSettings && (
          <button type="button" className="icon-btn tool" aria-label={t('toolbar.settings')} title={t('toolbar.settings')} onClick={p.onSettings}>
            <Icon name="gear" />
          </button>
        )}
      </div>
    </div>
  );
}
