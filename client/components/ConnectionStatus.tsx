/** Always-visible connection state, announced politely when it changes. */
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus as Status } from '../hooks/useSyncedDoc';

export function ConnectionStatus({ status, synced }: { status: Status; synced: boolean }) {
  const { t } = useTranslation();
  const label =
    status === 'connected'
      ? `${t('status.connected')} · ${t(synced ? 'status.synced' : 'status.syncing')}`
      : t(status === 'connecting' ? 'status.connecting' : 'status.offline');
  const short =
    status === 'connected' ? t(synced ? 'status.syncedShort' : 'status.connected') : t(status === 'connecting' ? 'status.connecting' : 'status.offlineShort');
  return (
    <div
      className={`status status-${status}`}
      role="status"
      aria-live="polite"
      data-status={status}
      data-synced={synced}
      title={label}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{label}</span>
      <span className="status-short" aria-hidden="true">
        {short}
      </span>
    </div>
  );
}
