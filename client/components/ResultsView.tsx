/**
 * One round's results: a ranking by dots or by how widely the sectors share
 * an item, each item with its dots stacked by sector (colour and label),
 * the part the anonymity guard hides as one neutral hatched segment, the
 * bridging score beside the raw count, balanced dots when enabled, and a
 * flag where sectors disagree. Used by the results drawer, the projector
 * and the phone; shows only what `shared/scoring.ts` already guarded, and
 * no derived figure on an item whose breakdown the guard hides (even from
 * results stored before that rule).
 */
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { figuresShown, type ItemResult, type RoundResult } from '../../shared/scoring';
import { SECTORS } from '../../shared/schema';
import { SectorBadge } from './SectorBadge';
import '../styles/ResultsPanel.css';

export type ResultsOrder = 'dots' | 'shared';

const percent = (share: number): number => Math.round(share * 100);
const oneDecimal = (n: number): string => (Math.round(n * 10) / 10).toString();

function SectorBar({ item, k, widthShare }: { item: ItemResult; k: number; widthShare: number }) {
  const { t } = useTranslation();
  const shown = SECTORS.filter((s) => (item.bySector[s]?.dots ?? 0) > 0);
  const hiddenLabel = t('results.hidden', { count: k });
  const described = [
    ...shown.map((s) => `${t(`sector.${s}`)} ${item.bySector[s]?.dots ?? 0}`),
    ...(item.hiddenDots > 0 ? [`${hiddenLabel} ${item.hiddenDots}`] : []),
  ].join(', ');
  return (
    <div className="sector-breakdown">
      <div className="sector-bar-track">
        <div
          className="sector-bar"
          role="img"
          aria-label={`${t('results.bySector')}: ${described}`}
          style={{ width: `${Math.max(4, widthShare * 100)}%` }}
        >
          {shown.map((s) => (
            <span key={s} className={`sector-seg sector-${s}`} data-sector-dots={s} data-count={item.bySector[s]?.dots} style={{ flexGrow: item.bySector[s]?.dots ?? 0 }} />
          ))}
          {item.hiddenDots > 0 && <span className="sector-seg sector-hidden" data-hidden-dots={item.hiddenDots} style={{ flexGrow: item.hiddenDots }} />}
        </div>
      </div>
      <ul className="sector-legend" aria-hidden="true">
        {shown.map((s) => (
          <li key={s} className={`sector-${s}`}>
            <span className="sector-swatch" />
            {t(`sector.${s}`)} {item.bySector[s]?.dots}
          </li>
        ))}
        {item.hiddenDots > 0 && (
          <li className="sector-hidden-legend">
            <span className="sector-swatch sector-hidden" />
            {hiddenLabel} {item.hiddenDots}
          </li>
        )}
      </ul>
    </div>
  );
}

function ResultRow({ item, order, k, maxDots, balanced }: { item: ItemResult; order: ResultsOrder; k: number; maxDots: number; balanced: boolean }) {
  const { t } = useTranslation();
  const shown = figuresShown(item);
  // A guarded item has no place in the "most shared" ranking: its position would hint at its figures.
  const rank = order === 'dots' ? item.rank : shown ? item.bridgingRank : null;
  const bridging = shown && item.bridging !== null ? percent(item.bridging) : null;
  const divergent = shown && item.divergent;
  return (
    <li
      className={`result${divergent ? ' is-divergent' : ''}`}
      data-item-id={item.id}
      data-rank={rank ?? ''}
      data-dots={item.dots}
      data-bridging={bridging ?? ''}
      data-divergent={divergent ? 'true' : 'false'}
      data-figures={shown ? 'shown' : 'guarded'}
    >
      <span className="result-rank" aria-label={rank === null ? t('results.unranked') : `${t('results.rank')} ${rank}`}>
        {rank ?? '–'}
      </span>
      <div className="result-body">
        <div className="result-top">
          <span className={`result-kind kind-${item.kind}`}>{t(item.kind === 'note' ? 'results.kindNote' : 'results.kindScenario')}</span>
          <span className="result-label">{item.label || t(item.kind === 'note' ? 'note.empty' : 'scenario.unnamed')}</span>
        </div>
        <SectorBar item={item} k={k} widthShare={maxDots > 0 ? item.dots / maxDots : 0} />
        {divergent && (
          <span className="result-flag" data-flag="divergent" title={t('results.divergentHint')}>
            <span aria-hidden="true">⚠ </span>
            {t('results.divergent')}
          </span>
        )}
      </div>
      <div className="result-numbers">
        <span className="result-dots">
          <strong>{item.dots}</strong>
          <span className="muted">{t('results.dotsUnit', { count: item.dots })}</span>
        </span>
        {bridging !== null ? (
          <span className="result-bridging" title={t('results.bridgingHint')}>
            <strong>{bridging}%</strong>
            <span className="muted">{t('results.bridging')}</span>
          </span>
        ) : (
          <span className="result-guarded muted small" title={t('results.figuresGuardedHint', { count: k })}>
            {t('results.figuresGuarded')}
          </span>
        )}
        {balanced && shown && item.balancedDots !== null && (
          <span className="result-balanced" title={t('results.balancedHint')} data-balanced={item.balancedDots}>
            <strong>{oneDecimal(item.balancedDots)}</strong>
            <span className="muted">{t('results.balanced')}</span>
          </span>
        )}
      </div>
    </li>
  );
}

interface ResultsViewProps {
  result: RoundResult;
  balanced: boolean;
  /** The drawer scrolls its list; inline (phone) grows with the page; large is the projector. */
  size?: 'panel' | 'inline' | 'large';
  /** Caps the list (the projector shows the top of the ranking). */
  limit?: number;
}

export const ResultsView = memo(function ResultsView({ result, balanced, size = 'panel', limit }: ResultsViewProps) {
  const { t } = useTranslation();
  const [order, setOrder] = useState<ResultsOrder>('dots');
  const items = useMemo(() => {
    const key = (i: ItemResult): number => (order === 'dots' ? i.rank : figuresShown(i) ? i.bridgingRank : Number.MAX_SAFE_INTEGER);
    const sorted = [...result.items].sort((a, b) => key(a) - key(b) || b.dots - a.dots || a.label.localeCompare(b.label));
    return limit ? sorted.slice(0, limit) : sorted;
  }, [result, order, limit]);
  const maxDots = Math.max(0, ...result.items.map((i) => i.dots));
  const sectorsWithVoters = SECTORS.filter((s) => result.votersBySector[s] > 0);
  return (
    <div className={`results-view is-${size}`} data-round={result.round} data-order={order}>
      <div className="results-summary" data-voters={result.voters} data-dots-cast={result.dotsCast}>
        <p className="results-totals">
          <strong>{t('results.voters', { count: result.voters })}</strong>
          <span aria-hidden="true"> · </span>
          <strong>{t('results.dotsCast', { count: result.dotsCast })}</strong>
        </p>
        {sectorsWithVoters.length > 0 && (
          <ul className="results-voters" aria-label={t('results.votersBySector')}>
            {sectorsWithVoters.map((s) => (
              <li key={s} data-voters-sector={s} data-count={result.votersBySector[s]}>
                <SectorBadge sector={s} compact /> {result.votersBySector[s]}
              </li>
            ))}
          </ul>
        )}
        {result.votersByWhere && result.votersByWhere.room + result.votersByWhere.remote > 0 && (
          <p className="results-where muted" data-room={result.votersByWhere.room} data-remote={result.votersByWhere.remote}>
            {t('results.votersWhere', { room: result.votersByWhere.room, remote: result.votersByWhere.remote })}
          </p>
        )}
        {result.votersByOrigin.consultation > 0 && (
          <p className="results-origin muted" data-meeting={result.votersByOrigin.meeting} data-consultation={result.votersByOrigin.consultation}>
            {t('consultation.results.voters', { meeting: result.votersByOrigin.meeting, consultation: result.votersByOrigin.consultation })}
          </p>
        )}
      </div>
      <div className="segmented results-order" role="group" aria-label={t('results.order')}>
        <button type="button" className="segmented-btn" aria-pressed={order === 'dots'} onClick={() => setOrder('dots')}>
          {t('results.mostDots')}
        </button>
        <button type="button" className="segmented-btn" aria-pressed={order === 'shared'} onClick={() => setOrder('shared')}>
          {t('results.mostShared')}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="muted results-empty">{t('results.noDots')}</p>
      ) : (
        // The list scrolls on its own: focusable, so the keyboard can scroll it too (WCAG 2.1.1).
        <ol className="results-list" tabIndex={0} aria-label={t(order === 'dots' ? 'results.mostDots' : 'results.mostShared')}>
          {items.map((i) => (
            <ResultRow key={i.id} item={i} order={order} k={result.k} maxDots={maxDots} balanced={balanced} />
          ))}
        </ol>
      )}
    </div>
  );
});
