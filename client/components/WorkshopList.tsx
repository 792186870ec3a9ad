/** "Your workshops": the boards this browser created or joined, kept on this device only, each a link back to its board. */
import { useTranslation } from 'react-i18next';
import { forgetWorkshop } from '../lib/workshopList';
import { boardPath, navigate } from '../lib/route';
import { useWorkshopList } from '../hooks/useWorkshopList';

export function WorkshopList() {
  const { t, i18n } = useTranslation();
  const workshops = useWorkshopList();
  if (workshops.length === 0) return null;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <section className="card workshop-list-card" aria-labelledby="workshops-title">
      <h2 id="workshops-title">{t('templates.yourWorkshops')}</h2>
      <p className="muted small">{t('templates.yourWorkshopsHint')}</p>
      <ul className="workshop-list">
        {workshops.map((w) => (
          <li key={w.roomId} className="workshop-item" data-workshop={w.roomId}>
            <a
              className="workshop-link"
              href={boardPath(w.roomId)}
              onClick={(e) => {
                e.preventDefault();
                navigate(boardPath(w.roomId));
              }}
            >
              {w.title || t('home.defaultTitle')}
            </a>
            <span className="muted small">
              {t('templates.workshopMeta', { date: date.format(w.lastOpened), role: t(`templates.role.${w.role}`), phase: t(`phases.${w.phase}`) })}
            </span>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-label={t('templates.forget', { title: w.title || t('home.defaultTitle') })}
              onClick={() => forgetWorkshop(w.roomId)}
            >
              {t('templates.forgetShort')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
