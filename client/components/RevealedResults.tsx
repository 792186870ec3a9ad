/** The phone's results section: the current secret round, once revealed. */
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import { useRevealedRounds } from '../hooks/useRoundResults';
import { useVoting } from '../hooks/useVoting';
import { ResultsView } from './ResultsView';

export function RevealedResults() {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const { settings, status } = useVoting();
  const rounds = useRevealedRounds(doc);
  const result = settings.mode === 'secret' && status.state === 'revealed' ? rounds.find((r) => r.round === status.round) : undefined;
  if (!result) return null;
  return (
    <section className="phone-results" aria-labelledby="phone-results-title">
      <h2 id="phone-results-title">{t('results.revealedTitle', { round: result.round })}</h2>
      <ResultsView result={result} balanced={settings.balanced} size="inline" />
    </section>
  );
}
