/** The footer on the home page and in the board's dialogs: the accessibility statement, which public bodies must link from every page. */
import { useTranslation } from 'react-i18next';
import { ACCESSIBILITY_PATH } from '../lib/route';
import '../styles/Home.css';

/** `newTab` from inside a workshop, so reading the statement never leaves the board. */
export function SiteFooter({ newTab = false }: { newTab?: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer" aria-label={t('a11y.footer.label')}>
      <a href={ACCESSIBILITY_PATH} {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}>
        {t('a11y.footer.statement')}
      </a>
    </footer>
  );
}
