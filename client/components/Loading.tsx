/** What a lazily loaded part of the page shows while its code arrives. */
import { useTranslation } from 'react-i18next';

export function Loading({ className = 'loading' }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className} role="status">
      {t('status.loading')}
    </div>
  );
}
