/** Shown for an unknown room (socket closed with 4404) or a malformed link. */
import { useTranslation } from 'react-i18next';
import { HomeLink } from './HomeLink';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page page-center">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <section className="card" aria-labelledby="nf-title">
        <div className="brand-mark brand-mark-large" aria-hidden="true">?</div>
        <h1 id="nf-title">{t('notFound.title')}</h1>
        <p className="muted">{t('notFound.body')}</p>
        <HomeLink />
      </section>
    </main>
  );
}
