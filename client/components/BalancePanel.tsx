/** Participation at a glance, for the facilitator: who has written and voted,
 * by sector (colour and label) and by person, the room/remote split, and who
 * is online but silent so far. In open voting the dots are on the board for
 * everyone, so they are shown per sector and per person. In secret voting
 * the panel knows only head counts: how many have voted in the round (the
 * server's `voteProgress`), and once revealed the round's voters per sector
 * and dots cast. Never anyone's dots, which would break the secret. */
import { useTranslation } from 'react-i18next';
import { SECTORS, type Sector } from '../../shared/schema';
import type { RoundResult } from '../../shared/scoring';
import type { VotingStatus } from '../../shared/voting';
import { useBoard } from '../hooks/useBoard';
import { useParticipation, type Participation } from '../hooks/useParticipation';
import type { PeerUser } from '../hooks/usePeers';
import { useRevealedRounds } from '../hooks/useRoundResults';
import { useVoting } from '../hooks/useVoting';
import { SectorBadge } from './SectorBadge';

const PEOPLE_SHOWN = 8;

/** What secret voting lets the facilitator know about the current round. */
interface SecretTurnout {
  round: number;
  voters: number;
  /** Once the round is revealed: voters per sector and dots cast; before, the server tells only the total. */
  revealed: { votersBySector: Record<Sector, number>; dotsCast: number } | null;
}

function secretTurnout(status: VotingStatus, progressVoters: number | null, rounds: RoundResult[]): SecretTurnout {
  const result = status.state === 'revealed' ? rounds.find((r) => r.round === status.round) : undefined;
  if (result) return { round: status.round, voters: result.voters, revealed: { votersBySector: result.votersBySector, dotsCast: result.dotsCast } };
  // No progress yet means the server has heard of no vote since this device joined.
  return { round: status.round, voters: progressVoters ?? 0, revealed: null };
}

function SectorTable({ p, turnout }: { p: Participation; turnout: SecretTurnout | null }) {
  const { t } = useTranslation();
  const voted = (s: Sector): number | null => (turnout ? (turnout.revealed?.votersBySector[s] ?? null) : null);
  // Activity for the bar: notes plus dots (open) or, once known, voters (secret).
  const activity = (s: Sector): number => p.bySector[s].notes + (turnout ? (voted(s) ?? 0) : p.bySector[s].dots);
  const most = Math.max(1, ...SECTORS.map(activity));
  const totalNotes = SECTORS.reduce((sum, s) => sum + p.bySector[s].notes, 0);
  return (
    <table className="balance-table">
      <thead>
        <tr>
          <th scope="col">{t('balance.sector')}</th>
          <th scope="col">{t('balance.notes')}</th>
          <th scope="col">{turnout ? t('balance.voted') : t('balance.dots')}</th>
        </tr>
      </thead>
      <tbody>
        {SECTORS.map((s) => {
          const v = voted(s);
          return (
            <tr
              key={s}
              data-balance-sector={s}
              data-notes={p.bySector[s].notes}
              data-dots={turnout ? undefined : p.bySector[s].dots}
              data-voters={turnout ? (v ?? '') : undefined}
            >
              <th scope="row">
                <SectorBadge sector={s} />
              </th>
              <td>{p.bySector[s].notes}</td>
              {!turnout ? (
                <td>{p.bySector[s].dots}</td>
              ) : v === null ? (
                <td title={t('balance.votedAfterReveal')}>
                  <span aria-hidden="true">–</span>
                  <span className="visually-hidden">{t('balance.votedAfterReveal')}</span>
                </td>
              ) : (
                <td>{v}</td>
              )}
              <td className="balance-bar-cell" aria-hidden="true">
                <span className={`balance-bar sector-${s}`} style={{ width: `${(activity(s) / most) * 100}%` }} />
              </td>
            </tr>
          );
        })}
      </tbody>
      {turnout && (
        <tfoot>
          <tr data-balance-total>
            <th scope="row">{t('balance.total')}</th>
            <td>{totalNotes}</td>
            <td>{turnout.voters}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function TurnoutLine({ turnout }: { turnout: SecretTurnout }) {
  const { t } = useTranslation();
  const { round, voters, revealed } = turnout;
  return (
    <>
      <p className="balance-turnout" role="status" data-balance-voters={voters} data-balance-dots={revealed?.dotsCast ?? ''}>
        {revealed
          ? t('balance.roundRevealed', { count: voters, round, dots: revealed.dotsCast })
          : t('balance.roundVoters', { count: voters, round })}
      </p>
      <p className="muted small">{t('balance.secretHint')}</p>
    </>
  );
}

export function BalancePanel({ peers }: { peers: PeerUser[] }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const { settings, status, voters } = useVoting();
  const secret = settings.mode === 'secret';
  const p = useParticipation(doc, peers, !secret);
  const rounds = useRevealedRounds(doc);
  const turnout = secret ? secretTurnout(status, voters, rounds) : null;
  return (
    <section className="panel-section balance" aria-labelledby="balance-title" data-balance-mode={settings.mode}>
      <h3 id="balance-title" className="panel-title">
        {t('balance.title')}
      </h3>
      <SectorTable p={p} turnout={turnout} />
      {turnout && <TurnoutLine turnout={turnout} />}
      <p className="balance-where" data-room={p.byWhere.room} data-remote={p.byWhere.remote}>
        {t('balance.where', { room: p.byWhere.room, remote: p.byWhere.remote })}
      </p>
      {p.byOrigin.consultation > 0 && (
        <p className="balance-origin" data-meeting={p.byOrigin.meeting} data-consultation={p.byOrigin.consultation}>
          {t('consultation.origin.meeting', { count: p.byOrigin.meeting })} · {t('consultation.origin.consultation', { count: p.byOrigin.consultation })}
        </p>
      )}
      {p.commentsByOrigin.consultation > 0 && (
        <p className="balance-origin" data-comments-meeting={p.commentsByOrigin.meeting} data-comments-consultation={p.commentsByOrigin.consultation}>
          {t('consultation.origin.comments', { meeting: p.commentsByOrigin.meeting, consultation: p.commentsByOrigin.consultation })}
        </p>
      )}
      {p.reactionsByOrigin.consultation > 0 && (
        <p className="balance-origin" data-reactions-meeting={p.reactionsByOrigin.meeting} data-reactions-consultation={p.reactionsByOrigin.consultation}>
          {t('consultation.origin.reactions', { meeting: p.reactionsByOrigin.meeting, consultation: p.reactionsByOrigin.consultation })}
        </p>
      )}
      {p.people.length > 0 && (
        <ul className="balance-people">
          {p.people.slice(0, PEOPLE_SHOWN).map((person) => (
            <li key={person.id} data-balance-person={person.id}>
              <span className="balance-name">{person.name || t('balance.unnamed')}</span>
              <SectorBadge sector={person.sector} compact />
              <span className="muted small">
                {secret ? t('balance.personNotes', { count: person.notes }) : t('balance.personCounts', { notes: person.notes, dots: person.dots })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="balance-silent-title">{t('balance.silent', { count: p.silent.length })}</p>
      {p.silent.length > 0 && (
        <ul className="balance-silent">
          {p.silent.slice(0, PEOPLE_SHOWN).map((s) => (
            <li key={s.id} data-balance-silent={s.id}>
              {s.name} <SectorBadge sector={s.sector} compact />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
