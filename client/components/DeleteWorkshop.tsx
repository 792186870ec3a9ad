/**
 * The facilitator's "Delete workshop" action (in Board settings): a
 * confirmation that names the workshop, then DELETE /api/rooms/:roomId with
 * the facilitator token. The server then closes every socket of the room
 * with 4410, which brings every screen, this one included, to "deleted".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { accessScope, loadAccess } from '../lib/access';
import '../styles/DeleteWorkshop.css';

export function DeleteWorkshop({ roomId, title }: { roomId: string; title: string }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const token = loadAccess(accessScope(roomId, false))?.token ?? '';
      const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      if (res.ok) return;
      const body = ApiError.safeParse(await res.json().catch(() => null));
      const code = body.success ? body.data.error.code : '';
      setError(t('deleteWorkshop.failed', { reason: t(code === 'storage_unavailable' ? 'deleteWorkshop.storage' : 'deleteWorkshop.other') }));
    } catch {
      setError(t('deleteWorkshop.failed', { reason: t('deleteWorkshop.other') }));
    } finally {
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <div className="delete-workshop">
        <button type="button" className="btn btn-ghost btn-danger" onClick={() => setConfirming(true)}>
          {t('deleteWorkshop.open')}
        </button>
      </div>
    );
  }
  return (
    <div className="delete-workshop delete-workshop-confirm" role="group" aria-label={t('deleteWorkshop.open')}>
      <p>{t('deleteWorkshop.confirm', { title: title || roomId })}</p>
      {error && (
        <p className="delete-workshop-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)} disabled={busy}>
          {t('deleteWorkshop.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
          {t('deleteWorkshop.yes')}
        </button>
      </div>
    </div>
  );
}
