/**
 * A revealed round on the projector: the top of the ranking, condensed so it
 * fits one 1080p screen without scrolling (nobody stands at the projector to
 * scroll or toggle). Each row: rank, label, dots stacked by sector with the
 * sectors named, the raw count and the bridging score. The full results,
 * with both orders, stay in everyone's results panel.
 */
import { useTranslation } from 'react-i18next';
import { figuresShown, type ItemResult, type RoundResult } from '../../shared/scoring';
import { SECTORS } from '../../shared/schema';
import { SectorBadge } from './SectorBadge';
import '../styles/ResultsPanel.css';

/** How many rows one projector screen holds at a readable size. */
export const PROJECTED_ITEMS = 8;

function ProjectedRow({ item, maxDots, k }: { item: ItemResult; maxDots: number; k: number }) {
  const { t } = useTranslation();
  const shown = SECTORS.filter((s) => (item.bySector[s]?.dots ?? 0) > 0);
  // Derived figures only where the anonymity guard hides no sector (README, "What the results show").
  const figures = figuresShown(item);
  const bridging = figures && item.bridging !== null ? Math.round(item.bridging * 100) : null;
  const divergent = figures && item.divergent;
  return (
    <li
      className="projected-result"
      data-item-id={item.id}
      data-rank={item.rank}
      data-dots={item.dots}
      data-bridging={bridging ?? ''}
      data-divergent={divergent ? 'true' : 'false'}
      data-figures={figures ? 'shown' : 'guarded'}
    >
      <span className="projected-rank" aria-label={`${t('results.rank')} ${item.rank}`}>
        {item.rank}
      </span>
      <div className="projected-body">
        <span className="projected-label">{item.label || t(item.kind === 'note' ? 'note.empty' : 'scenario.unnamed')}</span>
        <div className="projected-bar-row">
          <span className="projected-bar" style={{ width: `${Math.max(4, maxDots > 0 ? (item.dots / maxDots) * 100 : 0)}%` }} aria-hidden="true">
            {shown.map((s) => (
              <span key={s} className={`sector-seg sector-${s}`} style={{ flexGrow: item.bySector[s]?.dots ?? 0 }} />
            ))}
            {item.hiddenDots > 0 && <span className="sector-seg sector-hidden" style={{ flexGrow: item.hiddenDots }} />}
          </span>
          <span className="projected-legend">
            {shown.map((s) => (
              <span key={s} className="projected-legend-item" data-sector-dots={s} data-count={item.bySector[s]?.dots}>
                <SectorBadge sector={s} compact /> {item.bySector[s]?.dots}
              </span>
            ))}
            {item.hiddenDots > 0 && (
              <span className="projected-legend-item" data-hidden-dots={item.hiddenDots}>
                {t('results.hidden', { count: k })} {item.hiddenDots}
              </span>
            )}
            {divergent && (
              <span className="projected-flag" data-flag="divergent">
                {t('results.divergent')}
              </span>
            )}
          </span>
        </div>
      </div>
      <span className="projected-numbers">
        <strong>{item.dots}</strong> <span>{t('results.dotsUnit', { count: item.dots })}</span>
        {bridging !== null && (
          <span className="projected-bridging result-bridging">
            {bridging}% {t('results.bridging')}
          </span>
        )}
      </span>
    </li>
  );
}

export function ProjectorResults({ result }: { result: RoundResult }) {
  const { t } = useTranslation();
  const ranked = [...result.items].sort((a, b) => a.rank - b.rank || b.dots - a.dots || a.label.localeCompare(b.label));
  const top = ranked.slice(0, PROJECTED_ITEMS);
  const maxDots = Math.max(0, ...result.items.map((i) => i.dots));
  return (
    <div className="projected-results" data-round={result.round} data-shown={top.length} data-total={ranked.length}>
      <div className="projected-summary" data-voters={result.voters} data-dots-cast={result.dotsCast}>
        <strong>{t('results.voters', { count: result.voters })}</strong>
        <strong>{t('results.dotsCast', { count: result.dotsCast })}</strong>
        {SECTORS.filter((s) => result.votersBySector[s] > 0).map((s) => (
          <span key={s} data-voters-sector={s} data-count={result.votersBySector[s]}>
            <SectorBadge sector={s} compact /> {result.votersBySector[s]}
          </span>
        ))}
        {result.votersByWhere.room + result.votersByWhere.remote > 0 && (
          <span className="muted">{t('results.votersWhere', { room: result.votersByWhere.room, remote: result.votersByWhere.remote })}</span>
        )}
        {ranked.length > top.length && <span>{t('projector.topOf', { shown: top.length, total: ranked.length })}</span>}
      </div>
      {top.length === 0 ? (
        <p className="muted">{t('results.noDots')}</p>
      ) : (
        <ol className="projected-list" aria-label={t('results.mostDots')} style={{ gridTemplateRows: `repeat(${PROJECTED_ITEMS}, minmax(0, 1fr))` }}>
          {top.map((i) => (
            <ProjectedRow key={i.id} item={i} maxDots={maxDots} k={result.k} />
          ))}
        </ol>
      )}
    </div>
  );
}
