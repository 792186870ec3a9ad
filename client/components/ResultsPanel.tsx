/**
 * The results drawer. Secret voting: nothing until the facilitator reveals
 * the round, then the server's guarded results, past rounds selectable.
 * Open voting: the live round scored on this device. Printable.
 */
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import { useSession } from '../hooks/useSession';
import { useLiveResult, useRevealedRounds } from '../hooks/useRoundResults';
import { useVoting } from '../hooks/useVoting';
import { ResultsView } from './ResultsView';
import { VotingStatusLine } from './VotingStatusLine';
import '../styles/ResultsPanel.css';

/** The value of the round picker that means "the live open round". */
const LIVE = 0;

export const ResultsPanel = memo(function ResultsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const { settings, status } = useVoting();
  const rounds = useRevealedRounds(doc);
  const live = useLiveResult(doc);
  const [picked, setPicked] = useState<number | null>(null);

  const choices = [...(live ? [LIVE] : []), ...rounds.map((r) => r.round).reverse()];
  const selected = picked !== null && choices.includes(picked) ? picked : (choices[0] ?? null);
  const result = selected === LIVE ? live : (rounds.find((r) => r.round === selected) ?? null);
  const session = useSession(doc);
  // Before Priorities there is nothing to wait for yet: voting happens there.
  const beforeVoting = session.phase !== 'priorities' && session.phase !== 'codesign';
  const waiting = settings.mode === 'secret' && status.state === 'open' && !beforeVoting;

  return (
    <aside className="results" aria-labelledby="results-title">
      <header className="results-header">
        <h2 id="results-title">{t('results.title')}</h2>
        <div className="results-header-tools">
          {result && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => window.print()}>
              {t('results.print')}
            </button>
          )}
          <button type="button" className="icon-btn" aria-label={t('results.close')} title={t('results.close')} onClick={onClose}>
            ✕
          </button>
        </div>
      </header>
      <div className="results-meta">
        <VotingStatusLine />
        {choices.length > 1 && (
          <label className="field field-inline results-round">
            <span className="field-label">{t('results.roundLabel')}</span>
            <select className="input" value={selected ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
              {choices.map((c) => (
                <option key={c} value={c}>
                  {c === LIVE ? t('results.live') : t('results.roundOption', { round: c })}
                </option>
              ))}
            </select>
          </label>
        )}
        {waiting && (
          <p className="results-pending" role="status" data-results-pending>
            {t('results.pending')}
          </p>
        )}
      </div>
      {result ? (
        <ResultsView key={result.round} result={result} balanced={settings.balanced} />
      ) : (
        !waiting && <p className="muted results-empty">{t(beforeVoting ? 'results.beforeVoting' : 'results.empty')}</p>
      )}
    </aside>
  );
});
