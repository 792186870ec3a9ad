/**
 * "New workshop": a blank board, one of the five templates (each with its
 * description, in the UI's language), or a template file saved from an
 * earlier board; then the title, and straight onto the new board.
 */
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateRoomResponse } from '../../shared/api';
import { MAX_TITLE_LENGTH } from '../../shared/schema';
import { TemplateSchema, TemplatesResponse, inLanguage, type Template, type TemplateSummary } from '../../shared/templates';
import { currentLanguage } from '../i18n';
import { saveCreatedRoom } from '../lib/access';
import { boardPath, navigate } from '../lib/route';

type Start = { kind: 'blank' } | { kind: 'template'; id: string } | { kind: 'file' };

/** Creates the room and keeps its links on this device, which enters as facilitator. */
async function createRoom(body: object): Promise<string> {
  const res = await fetch('/api/rooms', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
  const created = CreateRoomResponse.parse(await res.json());
  saveCreatedRoom(created);
  return created.roomId;
}

function useTemplates(): TemplateSummary[] {
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  useEffect(() => {
    let cancelled = false;
    fetch('/api/templates')
      .then((r) => r.json())
      .then((body) => !cancelled && setTemplates(TemplatesResponse.parse(body).templates))
      // Without the list a blank board is still offered.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return templates;
}

export function NewWorkshopForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'it' ? 'it' : 'en';
  const templates = useTemplates();
  const [start, setStart] = useState<Start>({ kind: 'blank' });
  const [file, setFile] = useState<Template | null>(null);
  const [fileError, setFileError] = useState(false);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const chosen = start.kind === 'template' ? templates.find((x) => x.id === start.id) : undefined;

  const readFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const f = e.target.files?.[0];
    if (!f) return;
    try {
      const parsed = TemplateSchema.safeParse(JSON.parse(await f.text()));
      setFile(parsed.success ? parsed.data : null);
      setFileError(!parsed.success);
      if (parsed.success) setStart({ kind: 'file' });
    } catch {
      setFile(null);
      setFileError(true);
    }
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    const language = currentLanguage();
    const typed = title.trim();
    let body: object;
    if (start.kind === 'template' && chosen) body = { title: typed || chosen.title[language], template: chosen.id, language };
    else if (start.kind === 'file' && file) body = { title: typed || inLanguage(file.titlePattern, language).replace('{title}', '').trim() || t('home.defaultTitle'), templateFile: file, language };
    else body = { title: typed || t('home.defaultTitle') };
    try {
      navigate(boardPath(await createRoom(body)));
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <form className="home-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="template-choices">
        <legend className="field-label">{t('templates.startFrom')}</legend>
        <label className="template-choice">
          <input type="radio" name="start" checked={start.kind === 'blank'} onChange={() => setStart({ kind: 'blank' })} />
          <span>
            <strong>{t('templates.blank')}</strong>
            <span className="muted small">{t('templates.blankHint')}</span>
          </span>
        </label>
        {templates.map((x) => (
          <label key={x.id} className="template-choice" data-template={x.id}>
            <input type="radio" name="start" checked={start.kind === 'template' && start.id === x.id} onChange={() => setStart({ kind: 'template', id: x.id })} />
            <span>
              <strong>{x.title[lang]}</strong>
              <span className="muted small">{x.description[lang]}</span>
            </span>
          </label>
        ))}
        <label className="template-choice">
          <input type="radio" name="start" checked={start.kind === 'file'} disabled={!file} onChange={() => setStart({ kind: 'file' })} />
          <span>
            <strong>{t('templates.fromFile')}</strong>
            <span className="muted small">{file ? t('templates.fileChosen', { title: inLanguage(file.title, lang) }) : t('templates.fromFileHint')}</span>
          </span>
        </label>
        <input className="template-file" type="file" accept="application/json,.json" aria-label={t('templates.chooseFile')} onChange={(e) => void readFile(e)} />
        {fileError && (
          <p className="error" role="alert">
            {t('templates.fileInvalid')}
          </p>
        )}
      </fieldset>
      <label className="field">
        <span className="field-label">{start.kind === 'template' ? t('templates.nameLabel') : t('home.titleLabel')}</span>
        <input
          className="input input-large"
          value={title}
          maxLength={MAX_TITLE_LENGTH}
          placeholder={start.kind === 'template' ? t('templates.namePlaceholder') : t('home.titlePlaceholder')}
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
  );
}
