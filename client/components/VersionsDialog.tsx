/**
 * The facilitator's version history: save a version with a name, browse
 * the saved ones (a read-only preview of the version's scenarios and
 * notes) and restore one. A restore first saves the board as it is
 * ("before restoring …"), then sets the board to the version as the
 * facilitator's own edit, which Ctrl+Z takes back.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { listNotes } from '../../shared/notes';
import { listScenarios } from '../../shared/scenarios';
import { MAX_VERSION_NAME, type VersionInfo } from '../../shared/versions';
import { useBoard } from '../hooks/useBoard';
import type { BoardHistory } from '../lib/boardHistory';
import { restoreVersion, versionDoc } from '../lib/restoreVersion';
import { fetchVersion, listVersions, saveVersion } from '../lib/versionsClient';
import { Dialog } from './Dialog';
import '../styles/Versions.css';

interface Props {
  open: boolean;
  roomId: string;
  /** The facilitator's undo history: the restore is one step of it. */
  history: BoardHistory;
  onClose: () => void;
  /** Told after a restore, with the version's label. */
  onRestored: (label: string) => void;
}

export function VersionsDialog({ open, roomId, history, onClose, onRestored }: Props) {
  const { t, i18n } = useTranslation();
  const { doc } = useBoard();
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const [preview, setPreview] = useState<{ info: VersionInfo; doc: Y.Doc } | null>(null);

  const refresh = useCallback(() => {
    listVersions(roomId).then(
      (v) => setVersions(v.reverse()),
      () => setError(true),
    );
  }, [roomId]);
  useEffect(() => {
    if (!open) return;
    setPreview(null);
    setError(false);
    refresh();
  }, [open, refresh]);
  useEffect(() => () => preview?.doc.destroy(), [preview]);

  const label = (v: VersionInfo): string =>
    v.name || (v.reason === 'phase' ? t('history.versions.reason.phase', { phase: t(`phases.${v.phase}`) }) : t(`history.versions.reason.${v.reason}`));
  const when = (v: VersionInfo): string => new Date(v.createdAt).toLocaleString(i18n.language);

  const run = async (task: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(false);
    try {
      await task();
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      await saveVersion(roomId, name.trim());
      setName('');
      refresh();
    });
  const show = (v: VersionInfo) =>
    run(async () => {
      const found = await fetchVersion(roomId, v.id);
      setPreview({ info: found.version, doc: versionDoc(found.update) });
    });
  const restore = () =>
    run(async () => {
      if (!preview) return;
      const what = label(preview.info);
      // What the restore replaces is kept first, so nothing written since the version is lost.
      await saveVersion(roomId, `${t('history.versions.reason.restore')}: ${what}`.slice(0, MAX_VERSION_NAME), 'restore');
      restoreVersion(doc, preview.doc, null, history);
      onRestored(what);
      onClose();
    });

  return (
    <Dialog open={open} title={t('history.versions.title')} onClose={onClose} className="versions-dialog">
      <form
        className="versions-save"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void save();
        }}
      >
        <input
          className="input"
          aria-label={t('history.versions.namePlaceholder')}
          placeholder={t('history.versions.namePlaceholder')}
          maxLength={MAX_VERSION_NAME}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
          {t('history.versions.save')}
        </button>
      </form>
      {error && (
        <p className="versions-error" role="alert">
          {t('history.versions.failed')}
        </p>
      )}
      {versions?.length === 0 && <p className="muted">{t('history.versions.empty')}</p>}
      <ul className="versions-list">
        {versions?.map((v) => (
          <li key={v.id} data-version-id={v.id} aria-current={preview?.info.id === v.id ? 'true' : undefined}>
            <span className="versions-name">{label(v)}</span>
            <span className="muted small">{when(v)}</span>
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void show(v)} aria-label={`${t('history.versions.preview')}: ${label(v)}`}>
              {t('history.versions.preview')}
            </button>
          </li>
        ))}
      </ul>
      {preview && <VersionPreview doc={preview.doc} title={t('history.versions.previewing', { name: label(preview.info) })} />}
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('history.versions.close')}
        </button>
        {preview && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void restore()}>
            {busy ? t('history.versions.restoring') : t('history.versions.restore')}
          </button>
        )}
      </div>
    </Dialog>
  );
}

/** A version's scenarios with their notes, and the notes in none: text only, nothing editable. */
function VersionPreview({ doc, title }: { doc: Y.Doc; title: string }) {
  const { t } = useTranslation();
  const groups = useMemo(() => {
    const notes = listNotes(doc);
    const scenarios = listScenarios(doc);
    const ids = new Set(scenarios.map((s) => s.id));
    return [
      ...scenarios.map((s) => ({ id: s.id, name: s.name, notes: notes.filter((n) => n.scenarioId === s.id) })),
      { id: '', name: '', notes: notes.filter((n) => n.scenarioId === null || !ids.has(n.scenarioId)) },
    ];
  }, [doc]);
  const count = groups.reduce((n, g) => n + g.notes.length, 0);
  return (
    <section className="version-preview" aria-label={title}>
      <h3>{title}</h3>
      <p className="muted small">{t('history.versions.notes', { count })}</p>
      {groups.map((g) =>
        g.notes.length === 0 && !g.name ? null : (
          <div key={g.id} className="version-group" data-preview-scenario={g.name || undefined}>
            {g.name && <h4>{g.name}</h4>}
            <ul>
              {g.notes.map((n) => (
                <li key={n.id} className="version-note">
                  {n.text}
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}
