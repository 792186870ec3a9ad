/**
 * Bulk import (facilitator): paste ideas one per line or choose a CSV,
 * check the preview line by line, then import. The preview runs the
 * server's own parser; the server checks again and writes.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblem, RowPreview } from '../../shared/bulkImport';
import { previewImport, sendImport, type ImportSource } from '../lib/bulkImport';
import { Dialog } from './Dialog';
import { SectorBadge } from './SectorBadge';

/** The preview lists this many rows; the count says how many more. */
const PREVIEW_ROWS = 200;

export function ImportDialog({ open, roomId, onClose }: { open: boolean; roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [file, setFile] = useState<Extract<ImportSource, { kind: 'file' }> | null>(null);
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  const source: ImportSource = file ?? { kind: 'text', text };
  const preview = useMemo(() => previewImport(file ?? { kind: 'text', text }), [file, text]);
  const problems = preview.rows.filter((r) => r.problem).length + (preview.problem ? 1 : 0);
  const ready = preview.rows.length > 0 && problems === 0;
  const say = (p: ImportProblem): string => t(`import.problem.${p.code}`, { line: p.line });

  const close = (): void => {
    setText('');
    setFile(null);
    setSendError(null);
    setDone(null);
    onClose();
  };

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setSendError(null);
    try {
      const r = await sendImport(roomId, source);
      if (r.ok) {
        setDone(r.created);
        setText('');
        setFile(null);
      } else setSendError(r.problem ? say(r.problem) : t('import.failed'));
    } catch {
      setSendError(t('import.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title={t('import.title')} onClose={close} className="import-dialog">
      <p className="muted small">{t('import.intro')}</p>
      <label className="field">
        <span className="field-label">{t('import.pasteLabel')}</span>
        <textarea
          className="input import-text"
          rows={6}
          value={text}
          disabled={file !== null}
          placeholder={t('import.pastePlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            setDone(null);
          }}
        />
      </label>
      <div className="panel-row">
        <label className="field">
          <span className="field-label">{t('import.fileLabel')}</span>
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setDone(null);
              void f.arrayBuffer().then((buf) => setFile({ kind: 'file', name: f.name, bytes: new Uint8Array(buf) }));
            }}
          />
        </label>
        {file && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setFile(null)}>
            {t('import.clearFile', { name: file.name })}
          </button>
        )}
      </div>
      <p className="muted small">{t('import.csvHint')}</p>
      {/* Focusable: it scrolls, and keyboard users must be able to scroll it (WCAG 2.1.1). */}
      <section aria-labelledby="import-preview-title" className="import-preview" tabIndex={0}>
        <h3 id="import-preview-title" className="panel-title">
          {t('import.preview', { count: preview.rows.length })}
        </h3>
        {preview.problem && (
          <p className="error" role="alert" data-import-problem={preview.problem.code}>
            {say(preview.problem)}
          </p>
        )}
        {preview.rows.length > 0 && (
          <table className="import-table">
            <thead>
              <tr>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('import.text')}</th>
                <th scope="col">{t('import.sector')}</th>
                <th scope="col">{t('import.author')}</th>
                <th scope="col">{t('import.scenario')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                <PreviewRow key={r.line} row={r} problem={r.problem ? say(r.problem) : null} />
              ))}
            </tbody>
          </table>
        )}
        {preview.rows.length > PREVIEW_ROWS && <p className="muted small">{t('import.more', { count: preview.rows.length - PREVIEW_ROWS })}</p>}
      </section>
      {sendError && (
        <p className="error" role="alert">
          {sendError}
        </p>
      )}
      <p className="muted small" role="status">
        {done !== null ? t('import.done', { count: done }) : problems > 0 ? t('import.problems', { count: problems }) : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={close}>
          {t('import.close')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!ready || busy} onClick={() => void confirm()}>
          {t('import.confirm', { count: preview.rows.length })}
        </button>
      </div>
    </Dialog>
  );
}

function PreviewRow({ row, problem }: { row: RowPreview; problem: string | null }) {
  const { t } = useTranslation();
  return (
    <tr className={problem ? 'import-row-bad' : undefined} data-import-line={row.line}>
      <td>{row.line}</td>
      <td>
        <span className="import-row-text">{row.text}</span>
        {problem && <span className="import-row-problem">{problem}</span>}
      </td>
      <td>{row.sector ? <SectorBadge sector={row.sector} compact /> : <span className="muted">{t('import.noSector')}</span>}</td>
      <td>{row.author ?? <span className="muted">{t('import.defaultAuthor')}</span>}</td>
      <td>{row.scenario ?? ''}</td>
    </tr>
  );
}
