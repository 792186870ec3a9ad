/** Live ranking of notes and scenarios by dots, with each item's split by sector. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../shared/schema';
import type { TallyRow } from '../../shared/votes';
import { useBoard } from '../hooks/useBoard';
import { useTally } from '../hooks/useTally';
import '../styles/ResultsPanel.css';

function SectorBar({ row }: { row: TallyRow }) {
  const { t } = useTranslation();
  const parts = SECTORS.filter((s) => row.bySector[s] > 0);
  return (
    <div className="sector-breakdown">
      <div className="sector-bar" role="img" aria-label={`${t('results.bySector')}: ${parts.map((s) => `${t(`sector.${s}`)} ${row.bySector[s]}`).join(', ')}`}>
        {parts.map((s) => (
          <span key={s} className={`sector-seg sector-${s}`} style={{ flexGrow: row.bySector[s] }} />
        ))}
      </div>
      <ul className="sector-legend" aria-hidden="true">
        {parts.map((s) => (
          <li key={s} className={`sector-${s}`}>
            <span className="sector-swatch" />
            {t(`sector.${s}`)} {row.bySector[s]}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ResultsPanel = memo(function ResultsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const rows = useTally(doc);
  return (
    <aside className="results" aria-labelledby="results-title">
      <header className="results-header">
        <h2 id="results-title">{t('results.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('results.close')} title={t('results.close')} onClick={onClose}>
          ✕
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="muted results-empty">{t('results.empty')}</p>
      ) : (
        <ol className="results-list">
          {rows.map((r) => (
            <li key={r.id} className="result" data-item-id={r.id} data-rank={r.rank}>
              <span className="result-rank" aria-label={`${t('results.rank')} ${r.rank}`}>
                {r.rank}
              </span>
              <div className="result-body">
                <div className="result-top">
                  <span className={`result-kind kind-${r.kind}`}>{t(r.kind === 'note' ? 'results.kindNote' : 'results.kindScenario')}</span>
                  <span className="result-label">{r.label || t(r.kind === 'note' ? 'note.empty' : 'scenario.unnamed')}</span>
                </div>
                <SectorBar row={r} />
              </div>
              <span className="result-dots">
                <strong>{r.dots}</strong>
                <span className="muted">{t('results.dotsUnit', { count: r.dots })}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
});
