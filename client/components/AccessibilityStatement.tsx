/**
 * The accessibility statement ("Dichiarazione di accessibilità"), in the
 * sections of the model AgID asks Italian public bodies to publish:
 * compliance status, non-accessible content (stated honestly), how the
 * statement was prepared and when, feedback and contacts, and the
 * enforcement procedure.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HomeLink } from './HomeLink';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

/** When the statement was last prepared; update it with every review. */
export const STATEMENT_DATE = '2026-12-01';
/** AgID's form for reports to the Digital Ombudsman (Difensore civico per il digitale). */
export const ENFORCEMENT_URL = 'https://form.agid.gov.it/';
const LIMITS = ['canvas', 'cursors', 'qr', 'charts', 'notes', 'testing'] as const;

export function AccessibilityStatement() {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${STATEMENT_DATE}T00:00:00Z`));
  const section = (id: string, title: string, body: ReactNode) => (
    <section aria-labelledby={`statement-${id}`}>
      <h2 id={`statement-${id}`}>{title}</h2>
      {body}
    </section>
  );
  return (
    <main className="page statement">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <article className="card statement-card" aria-labelledby="statement-title">
        <h1 id="statement-title">{t('a11y.statement.title')}</h1>
        <p>{t('a11y.statement.intro')}</p>
        {section('status', t('a11y.statement.statusTitle'), <p>{t('a11y.statement.status')}</p>)}
        {section(
          'limits',
          t('a11y.statement.limitsTitle'),
          <>
            <p>{t('a11y.statement.limitsIntro')}</p>
            <ul>
              {LIMITS.map((k) => (
                <li key={k}>{t(`a11y.statement.limits.${k}`)}</li>
              ))}
            </ul>
          </>,
        )}
        {section('prepared', t('a11y.statement.preparedTitle'), <p>{t('a11y.statement.prepared', { date })}</p>)}
        {section('feedback', t('a11y.statement.feedbackTitle'), <p>{t('a11y.statement.feedback')}</p>)}
        {section(
          'enforcement',
          t('a11y.statement.enforcementTitle'),
          <>
            <p>{t('a11y.statement.enforcement')}</p>
            <p>
              <a href={ENFORCEMENT_URL} rel="noopener">
                {t('a11y.statement.enforcementLink')}
              </a>
            </p>
          </>,
        )}
        <HomeLink />
      </article>
    </main>
  );
}
