/** Participation at a glance, for the facilitator: who has written and voted,
 * by sector (colour and label) and by person, the room/remote split, and who
 * is online but silent so far. */
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useParticipation } from '../hooks/useParticipation';
import type { PeerUser } from '../hooks/usePeers';
import { SectorBadge } from './SectorBadge';

const PEOPLE_SHOWN = 8;

export function BalancePanel({ peers }: { peers: PeerUser[] }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const p = useParticipation(doc, peers);
  const maxNotes = Math.max(1, ...SECTORS.map((s) => p.bySector[s].notes + p.bySector[s].dots));
  return (
    <section className="panel-section balance" aria-labelledby="balance-title">
      <h3 id="balance-title" className="panel-title">
        {t('balance.title')}
      </h3>
      <table className="balance-table">
        <thead>
          <tr>
            <th scope="col">{t('balance.sector')}</th>
            <th scope="col">{t('balance.notes')}</th>
            <th scope="col">{t('balance.dots')}</th>
          </tr>
        </thead>
        <tbody>
          {SECTORS.map((s) => (
            <tr key={s} data-balance-sector={s}>
              <th scope="row">
                <SectorBadge sector={s} />
              </th>
              <td>{p.bySector[s].notes}</td>
              <td>{p.bySector[s].dots}</td>
              <td className="balance-bar-cell" aria-hidden="true">
                <span className={`balance-bar sector-${s}`} style={{ width: `${((p.bySector[s].notes + p.bySector[s].dots) / maxNotes) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="balance-where">
        {t('balance.where', { room: p.byWhere.room, remote: p.byWhere.remote })}
      </p>
      {p.people.length > 0 && (
        <ul className="balance-people">
          {p.people.slice(0, PEOPLE_SHOWN).map((person) => (
            <li key={person.id}>
              <span className="balance-name">{person.name || t('balance.unnamed')}</span>
              <SectorBadge sector={person.sector} compact />
              <span className="muted small">{t('balance.personCounts', { notes: person.notes, dots: person.dots })}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="balance-silent-title">{t('balance.silent', { count: p.silent.length })}</p>
      {p.silent.length > 0 && (
        <ul className="balance-silent">
          {p.silent.slice(0, PEOPLE_SHOWN).map((s) => (
            <li key={s.id}>
              {s.name} <SectorBadge sector={s.sector} compact />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
