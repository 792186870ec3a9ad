/**
 * The facilitator's downloads (in Board settings): the Markdown report, the
 * notes as CSV, the board file, a PNG image of the board, and the printable
 * report page. Markdown and CSV come in the UI's language.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { boardPng } from '../lib/boardImage';
import { facilitatorToken, fetchBoard, fetchExport, saveFile, type ExportFormat } from '../lib/exports';
import { reportPath } from '../lib/route';
import '../styles/Report.css';

type Download = ExportFormat | 'png';
const LABELS: Record<Download, string> = { md: 'report.markdown', csv: 'report.csv', json: 'report.json', png: 'report.png' };

export function ExportDownloads({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<Download | null>(null);
  const [failed, setFailed] = useState(false);
  const token = facilitatorToken(roomId);
  if (!token) return null;

  const download = async (what: Download): Promise<void> => {
    setBusy(what);
    setFailed(false);
    try {
      if (what === 'png') {
        const { file, fileName } = await fetchBoard(roomId, token);
        saveFile(await boardPng(file.board), fileName.replace(/\.json$/, '.png'));
      } else {
        const { blob, fileName } = await fetchExport(roomId, token, what, currentLanguage());
        saveFile(blob, fileName);
      }
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="export-downloads" aria-labelledby="export-downloads-title">
      <h3 id="export-downloads-title">{t('report.downloads')}</h3>
      <p className="muted small">{t('report.downloadsHint')}</p>
      <div className="export-buttons">
        {(Object.keys(LABELS) as Download[]).map((what) => (
          <button key={what} type="button" className="btn btn-secondary btn-small" disabled={busy !== null} onClick={() => void download(what)}>
            {t(LABELS[what])}
          </button>
        ))}
        <a className="btn btn-primary btn-small" href={`${reportPath(roomId)}#t=${encodeURIComponent(token)}`} target="_blank" rel="noopener">
          {t('report.open')}
        </a>
      </div>
      {failed && (
        <p className="error" role="alert">
          {t('report.failed')}
        </p>
      )}
    </section>
  );
}
