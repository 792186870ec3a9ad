/** Shown when a room link is missing, wrong or revoked: only the facilitator can give a working one. */
import { useTranslation } from 'react-i18next';
import { HomeLink } from './HomeLink';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

export function InvalidLink({ reason }: { reason: 'invalid' | 'no-link' | 'error' }) {
  const { t } = useTranslation();
  return (
    <main className="page page-center">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <section className="card" aria-labelledby="invalid-title">
        <div className="brand-mark brand-mark-large" aria-hidden="true">!</div>
        <h1 id="invalid-title">{t(reason === 'error' ? 'access.errorTitle' : reason === 'invalid' ? 'access.invalidTitle' : 'access.noLinkTitle')}</h1>
        <p className="muted">{t(reason === 'error' ? 'access.errorBody' : 'access.askFacilitator')}</p>
        {reason === 'error' ? (
          <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
            {t('access.retry')}
          </button>
        ) : (
          <HomeLink />
        )}
      </section>
    </main>
  );
}
