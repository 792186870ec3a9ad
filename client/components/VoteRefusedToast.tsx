/** A short toast when the server did not take a secret vote; the ballot is unchanged. */
import { useTranslation } from 'react-i18next';
import { useVoting } from '../hooks/useVoting';
import { Toast } from './Toast';

/** The reasons shared/votes.ts and the server's secret voting give; anything else reads as "try again". */
export const KNOWN_REASONS = ['no-dots-left', 'item-full', 'revealed', 'phase', 'locked', 'unknown-item', 'no-dot-here', 'read-only', 'open-voting'] as const;

export function VoteRefusedToast() {
  const { t } = useTranslation();
  const { refusal } = useVoting();
  const reason = refusal && (KNOWN_REASONS as readonly string[]).includes(refusal.reason) ? refusal.reason : 'other';
  return <Toast message={refusal ? `${t('voting.refused.toast')} ${t(`voting.refused.${reason}`)}` : null} event={refusal} />;
}
