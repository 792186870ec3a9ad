/**
 * What the projector shows over the board when the room's attention is
 * elsewhere: the spotlit note or scenario, enlarged; the results of the round
 * just revealed (in Priorities); or the action plan, read as a plan (in
 * Co-design). The board stays mounted beneath, so its fitted view is ready
 * again when the overlay goes.
 */
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useRevealedRounds } from '../hooks/useRoundResults';
import { useVoting } from '../hooks/useVoting';
import { ProjectorActionPlan } from './ProjectorActionPlan';
import { ProjectorResults } from './ProjectorResults';
import { ProjectorSpotlight } from './ProjectorSpotlight';

export function ProjectorPanels({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const { settings, status } = useVoting();
  const rounds = useRevealedRounds(doc);
  const revealed = settings.mode === 'secret' && status.state === 'revealed' ? rounds.find((r) => r.round === status.round) : undefined;

  // The facilitator's latest deliberate choice of what the room looks at.
  if (session.spotlight) return <ProjectorSpotlight spotlight={session.spotlight} />;
  if (session.phase === 'priorities' && revealed) {
    return (
      <section className="projector-overlay projector-results" aria-labelledby="projector-results-title">
        <h2 id="projector-results-title" className="projector-overlay-title">
          {t('results.revealedTitle', { round: revealed.round })}
        </h2>
        <ProjectorResults result={revealed} />
      </section>
    );
  }
  if (session.phase === 'codesign') {
    return (
      <section className="projector-overlay projector-actions" aria-labelledby="projector-actions-title">
        <h2 id="projector-actions-title" className="projector-overlay-title">
          {t('projector.actionPlan')}
        </h2>
        <ProjectorActionPlan />
      </section>
    );
  }
  return null;
}
