/**
 * What Tavolo stores about the people who take part, where, for how long,
 * and who sees what ("I tuoi dati"), in the words of client/i18n/<lang>/privacy.json.
 * The README's "Your data" section says the same for those who run it;
 * both describe what the code does (server/rooms/participantData.ts for
 * the download and the erasure).
 */
import { useTranslation } from 'react-i18next';
import { HomeLink } from './HomeLink';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

/** Each section's title key and the keys of its paragraphs, in order. */
const SECTIONS = {
  stored: ['profile', 'notes', 'comments', 'commitments', 'ballots', 'ids', 'versions', 'notStored', 'noTokens'],
  where: ['server', 'browser'],
  howLong: ['workshop', 'compaction', 'browser'],
  who: ['everyone', 'drafts', 'ballots', 'projector', 'facilitator', 'host'],
  control: ['download', 'delete', 'workshop', 'contact'],
} as const;

export function PrivacyStatement() {
  const { t } = useTranslation();
  return (
    <main className="page statement">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <article className="card statement-card" aria-labelledby="privacy-title">
        <h1 id="privacy-title">{t('privacy.page.title')}</h1>
        <p>{t('privacy.page.intro')}</p>
        {(Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]).map((section) => (
          <section key={section} aria-labelledby={`privacy-${section}`} data-privacy-section={section}>
            <h2 id={`privacy-${section}`}>{t(`privacy.page.${section}Title`)}</h2>
            <ul>
              {SECTIONS[section].map((k) => (
                <li key={k}>{t(`privacy.page.${section}.${k}`)}</li>
              ))}
            </ul>
          </section>
        ))}
        <HomeLink />
      </article>
    </main>
  );
}
