/** "Round 2 · voting open" / "Round 2 · results revealed", or that voting is open to view. */
import { useTranslation } from 'react-i18next';
import { useVoting } from '../hooks/useVoting';

export function VotingStatusLine() {
  const { t } = useTranslation();
  const { settings, status } = useVoting();
  if (settings.mode === 'open') {
    return (
      <p className="voting-status" data-voting-mode="open">
        {t('voting.openMode')}
      </p>
    );
  }
  return (
    <p className="voting-status" data-voting-mode="secret" data-round={status.round} data-voting-state={status.state}>
      {t('voting.status', { round: status.round, state: t(status.state === 'open' ? 'voting.stateOpen' : 'voting.stateRevealed') })}
    </p>
  );
}
