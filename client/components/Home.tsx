/** Start a workshop: optional title, then straight onto the new board. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateRoomResponse } from '../../shared/api';
import { MAX_TITLE_LENGTH } from '../../shared/schema';
import { saveCreatedRoom } from '../lib/access';
import { boardPath, navigate } from '../lib/route';
import { ImportBoard } from './ImportBoard';
import { JoinCodeForm } from './JoinCodeForm';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

/** Creates the room and keeps its links on this device, which enters as facilitator. */
async function createRoom(title: string): Promise<string> {
  const res = await fetch('/api/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
  const created = CreateRoomResponse.parse(await res.json());
  saveCreatedRoom(created);
  return created.roomId;
}

export function Home() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      const roomId = await createRoom(title.trim() || t('home.defaultTitle'));
      navigate(boardPath(roomId));
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <main className="page page-center">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <section className="card home-card" aria-labelledby="home-title">
        <div className="brand-mark brand-mark-large" aria-hidden="true">T</div>
        <h1 id="home-title">{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <form className="home-form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span className="field-label">{t('home.titleLabel')}</span>
            <input
              className="input input-large"
              value={title}
              maxLength={MAX_TITLE_LENGTH}
              placeholder={t('home.titlePlaceholder')}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? t('home.creating') : t('home.create')}
          </button>
          {failed && (
            <p className="error" role="alert">
              {t('home.error')}
            </p>
          )}
        </form>
        <p className="muted small">{t('home.hint')}</p>
        <ImportBoard />
      </section>
      <section className="card join-card" aria-labelledby="join-code-title">
        <h2 id="join-code-title">{t('joinCode.title')}</h2>
        <p className="muted small">{t('joinCode.hint')}</p>
        <JoinCodeForm />
      </section>
    </main>
  );
}
