/** The footer on the home page and in the board's dialogs: the accessibility statement, which public bodies must link from every page, and what is stored about participants. */
import { useTranslation } from 'react-i18next';
import { ACCESSIBILITY_PATH, PRIVACY_PATH } from '../lib/route';
import '../styles/Home.css';

/** `newTab` from inside a workshop, so reading the statement never leaves the board. */
export function SiteFooter({ newTab = false }: { newTab?: boolean }) {
  const { t } = useTranslation();
  const target = newTab ? { target: '_blank', rel: 'noopener' } : {};
  return (
    <footer className="site-footer" aria-label={t('a11y.footer.label')}>
      <a href={ACCESSIBILITY_PATH} {...target}>
        {t('a11y.footer.statement')}
      </a>
      <a href={PRIVACY_PATH} {...target}>
        {t('privacy.footer')}
      </a>
    </footer>
  );
}
