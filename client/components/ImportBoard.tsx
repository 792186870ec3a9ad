/**
 * "Import a board file" on the home page: a board downloaded from Tavolo
 * (JSON) becomes a new workshop, through POST /api/rooms { title, from },
 * and this device enters it as facilitator. The file is checked with the
 * same schema the server uses before it is sent.
 */
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, CreateRoomResponse } from '../../shared/api';
import { BoardExport } from '../../shared/export/boardJson';
import { saveCreatedRoom } from '../lib/access';
import { boardPath, navigate } from '../lib/route';
import '../styles/Report.css';

async function readBoardFile(file: File): Promise<BoardExport | null> {
  try {
    const parsed = BoardExport.safeParse(JSON.parse(await file.text()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function ImportBoard() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const from = await readBoardFile(file);
      if (!from) {
        setError(t('report.importFailed', { reason: t('report.importNotBoard') }));
        return;
      }
      const res = await fetch('/api/rooms', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: from.board.session.title.trim() || t('home.defaultTitle'), from }),
      });
      if (res.status !== 201) {
        const body = ApiError.safeParse(await res.json().catch(() => null));
        setError(t('report.importFailed', { reason: t('report.importRefused', { detail: body.success ? body.data.error.message : `HTTP ${res.status}` }) }));
        return;
      }
      const created = CreateRoomResponse.parse(await res.json());
      saveCreatedRoom(created);
      navigate(boardPath(created.roomId));
    } catch {
      setError(t('home.error'));
    } finally {
      setBusy(false);
      // The same file may be chosen again after a fix.
      input.value = '';
    }
  };

  return (
    <div className="import-board">
      <label className="btn btn-secondary">
        {busy ? t('report.importing') : t('report.import')}
        <input className="visually-hidden" type="file" accept="application/json,.json" disabled={busy} onChange={(e) => void onFile(e)} />
      </label>
      <p className="muted small">{t('report.importHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
