import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/route';

/** "Back to the home page" as a real link that navigates without a reload. */
export function HomeLink() {
  const { t } = useTranslation();
  return (
    <a
      className="btn btn-primary"
      href="/"
      onClick={(e) => {
        e.preventDefault();
        navigate('/');
      }}
    >
      {t('notFound.home')}
    </a>
  );
}
