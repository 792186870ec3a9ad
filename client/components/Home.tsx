/** Start a workshop (blank or from a template), join one by code, or go back to one this device knows. */
import { useTranslation } from 'react-i18next';
import { ImportBoard } from './ImportBoard';
import { JoinCodeForm } from './JoinCodeForm';
import { LanguageSwitch } from './LanguageSwitch';
import { NewWorkshopForm } from './NewWorkshopForm';
import { WorkshopList } from './WorkshopList';
import { SiteFooter } from './SiteFooter';
import '../styles/Home.css';
import '../styles/Templates.css';

export function Home() {
  const { t } = useTranslation();

  return (
    <main className="page page-center">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <section className="card home-card" aria-labelledby="home-title">
        <div className="brand-mark brand-mark-large" aria-hidden="true">T</div>
        <h1 id="home-title">{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <NewWorkshopForm />
        <p className="muted small">{t('home.hint')}</p>
        <ImportBoard />
      </section>
      <section className="card join-card" aria-labelledby="join-code-title">
        <h2 id="join-code-title">{t('joinCode.title')}</h2>
        <p className="muted small">{t('joinCode.hint')}</p>
        <JoinCodeForm />
      </section>
      <WorkshopList />
      <SiteFooter />
    </main>
  );
}
