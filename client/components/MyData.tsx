/**
 * "Your contributions", in your details dialog: download everything you
 * contributed to this workshop as JSON, or delete it after a confirmation
 * that says what goes and what stays. After a deletion the device's own
 * copies (IndexedDB, kept text) are emptied and the page reloads, so the
 * board is read again as the server now has it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../lib/exports';
import { canManageMyData, eraseMyData, fetchMyData, forgetKeptText } from '../lib/myData';
import { PRIVACY_PATH } from '../lib/route';
import '../styles/DeleteWorkshop.css';

export interface MyDataProps {
  roomId: string;
  /** The ids of this person's notes on the device (board and drafts), whose kept text goes too. */
  ownNoteIds: () => string[];
  /** Empties the device's copies of the board and the drafts. */
  forgetDevice: () => Promise<void>;
}

type Step = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'busy' } | { kind: 'done'; count: number };

export function MyData({ roomId, ownNoteIds, forgetDevice }: MyDataProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Back from the confirmation: focus returns to the button that opened it. */
  const [cameBack, setCameBack] = useState(false);
  if (!canManageMyData(roomId)) return null;

  const download = async (): Promise<void> => {
    setDownloading(true);
    setError(null);
    try {
      const { blob, fileName } = await fetchMyData(roomId);
      saveFile(blob, fileName);
    } catch {
      setError(t('privacy.mine.downloadFailed'));
    } finally {
      setDownloading(false);
    }
  };

  const erase = async (): Promise<void> => {
    setStep({ kind: 'busy' });
    setError(null);
    const noteIds = ownNoteIds();
    try {
      const result = await eraseMyData(roomId);
      forgetKeptText(roomId, noteIds);
      await forgetDevice();
      const count = Object.values(result.board).reduce((a, b) => a + b, 0) + result.drafts + result.ballots;
      setStep({ kind: 'done', count });
    } catch {
      setError(t('privacy.mine.failed'));
      setStep({ kind: 'confirm' });
    }
  };

  const errorLine = error && (
    <p className="delete-workshop-error" role="alert">
      {error}
    </p>
  );

  return (
    <section className="delete-workshop my-data" aria-labelledby="my-data-title" data-my-data>
      <h3 id="my-data-title">{t('privacy.mine.title')}</h3>
      {step.kind === 'done' ? (
        <div role="status">
          <p>{t('privacy.mine.done', { count: step.count })}</p>
          <button type="button" className="btn btn-primary" autoFocus onClick={() => window.location.reload()}>
            {t('privacy.mine.reload')}
          </button>
        </div>
      ) : step.kind === 'idle' ? (
        <>
          <p className="muted small">
            {t('privacy.mine.hint')}{' '}
            <a href={PRIVACY_PATH} target="_blank" rel="noopener">
              {t('privacy.mine.learnMore')}
            </a>
          </p>
          {errorLine}
          <div className="dialog-actions">
            <button type="button" className="btn btn-secondary" disabled={downloading} onClick={() => void download()}>
              {t(downloading ? 'privacy.mine.downloading' : 'privacy.mine.download')}
            </button>
            <button type="button" className="btn btn-ghost btn-danger" autoFocus={cameBack} onClick={() => setStep({ kind: 'confirm' })}>
              {t('privacy.mine.delete')}
            </button>
          </div>
        </>
      ) : (
        <div className="delete-workshop-confirm" role="group" aria-labelledby="my-data-confirm">
          <p id="my-data-confirm">
            <strong>{t('privacy.mine.confirmTitle')}</strong>
          </p>
          <p>{t('privacy.mine.goes')}</p>
          <p>{t('privacy.mine.stays')}</p>
          {errorLine}
          <div className="dialog-actions">
            <button type="button" className="btn btn-ghost" autoFocus disabled={step.kind === 'busy'} onClick={() => {
                setCameBack(true);
                setStep({ kind: 'idle' });
              }}
            >
              {t('privacy.mine.keep')}
            </button>
            <button type="button" className="btn btn-danger" disabled={step.kind === 'busy'} onClick={() => void erase()}>
              {t(step.kind === 'busy' ? 'privacy.mine.deleting' : 'privacy.mine.yes')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
