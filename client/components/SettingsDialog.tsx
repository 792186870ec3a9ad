/** Board settings (facilitator): title, dots per person, and the crowd-mode threshold. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DOTS_PER_PERSON, MAX_TITLE_LENGTH } from '../../shared/schema';
import { setCrowdThreshold, setDotsPerPerson, setTitle } from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import { useSession } from '../hooks/useSession';
import { DeleteWorkshop } from './DeleteWorkshop';
import { Dialog } from './Dialog';
import { ExportDownloads } from './ExportDownloads';
import { SiteFooter } from './SiteFooter';

export function SettingsDialog({ open, roomId, onClose }: { open: boolean; roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const session = useSession(doc);
  const [title, setTitleDraft] = useState(session.title);
  const [dots, setDots] = useState(String(session.dotsPerPerson));
  const [crowd, setCrowd] = useState(String(session.crowdThreshold));

  // The drafts are refreshed only when the dialog opens, not while typing:
  // state adjusted during render when `open` flips (React's documented pattern).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setTitleDraft(session.title);
      setDots(String(session.dotsPerPerson));
      setCrowd(String(session.crowdThreshold));
    }
  }

  const save = (): void => {
    if (title.trim() && title.trim() !== session.title) setTitle(doc, title);
    const n = Number(dots);
    if (Number.isInteger(n)) setDotsPerPerson(doc, n);
    const c = Number(crowd);
    if (Number.isFinite(c) && c >= 2 && Math.round(c) !== session.crowdThreshold) setCrowdThreshold(doc, c);
    onClose();
  };

  return (
    <Dialog open={open} title={t('settings.title')} onClose={onClose}>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label className="field">
          <span className="field-label">{t('settings.boardTitle')}</span>
          <input className="input" value={title} maxLength={MAX_TITLE_LENGTH} onChange={(e) => setTitleDraft(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.dotsPerPerson')}</span>
          <input
            className="input input-number"
            type="number"
            min={0}
            max={MAX_DOTS_PER_PERSON}
            step={1}
            value={dots}
            onChange={(e) => setDots(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('settings.crowdThreshold')}</span>
          <input className="input input-number" type="number" min={2} max={10000} step={1} value={crowd} onChange={(e) => setCrowd(e.target.value)} />
          <span className="muted small">{t('settings.crowdHint')}</span>
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('identity.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('identity.save')}
          </button>
        </div>
      </form>
      <ExportDownloads roomId={roomId} />
      <DeleteWorkshop roomId={roomId} title={session.title} />
      <SiteFooter newTab />
    </Dialog>
  );
}
