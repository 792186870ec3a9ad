/** Shown to everyone in a workshop the facilitator has just deleted. */
import { useTranslation } from 'react-i18next';
import { HomeLink } from './HomeLink';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

export function WorkshopDeleted() {
  const { t } = useTranslation();
  return (
    <main className="page page-center">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <section className="card" aria-labelledby="deleted-title">
        <div className="brand-mark brand-mark-large" aria-hidden="true">×</div>
        <h1 id="deleted-title">{t('deleted.title')}</h1>
        <p className="muted">{t('deleted.body')}</p>
        <HomeLink />
      </section>
    </main>
  );
}
