/**
 * The facilitator's form to open a consultation window: what it opens, an
 * optional question, the deadline (in the facilitator's own time zone,
 * sent in server time) and how the voting results come out.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationOpens } from '../../shared/consultation';
import { MAX_PROMPT_LENGTH } from '../../shared/documentSchemas';
import { useBoard } from '../hooks/useBoard';
import { fromLocalInput, localTimeZone, toLocalInput } from '../lib/consultationTime';

const WEEK = 7 * 24 * 3600_000;
const OPENS: (keyof ConsultationOpens)[] = ['notes', 'comments', 'reactions', 'voting'];

export function ConsultationForm() {
  const { t } = useTranslation();
  const { control, serverNow } = useBoard();
  const [opens, setOpens] = useState<ConsultationOpens>({ notes: true, comments: true, reactions: true, voting: false });
  const [prompt, setPrompt] = useState('');
  const [deadline, setDeadline] = useState(() => toLocalInput(Date.now() + WEEK));
  const [autoReveal, setAutoReveal] = useState(true);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const at = fromLocalInput(deadline, serverNow() - Date.now());
    if (!Number.isFinite(at)) return;
    control.send({ t: 'openConsultation', opens, prompt: prompt.trim(), deadline: at, autoReveal });
  };

  return (
    <form className="consultation-form" onSubmit={submit} data-consultation-form>
      <fieldset>
        <legend>{t('consultation.form.opens')}</legend>
        {OPENS.map((key) => (
          <label key={key} className="check">
            <input type="checkbox" checked={opens[key]} onChange={(e) => setOpens({ ...opens, [key]: e.target.checked })} />
            {t(`consultation.form.${key}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{t('consultation.form.prompt')}</span>
        <textarea className="input" maxLength={MAX_PROMPT_LENGTH} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('consultation.form.deadline')}</span>
        <input className="input" type="datetime-local" required value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>
      <p className="muted small">{t('consultation.form.timeZone', { zone: localTimeZone() })}</p>
      {opens.voting && (
        <fieldset>
          <legend>{t('consultation.form.reveal')}</legend>
          <label className="check">
            <input type="radio" name="consultation-reveal" checked={autoReveal} onChange={() => setAutoReveal(true)} />
            {t('consultation.form.revealAuto')}
          </label>
          <label className="check">
            <input type="radio" name="consultation-reveal" checked={!autoReveal} onChange={() => setAutoReveal(false)} />
            {t('consultation.form.revealManual')}
          </label>
        </fieldset>
      )}
      <button type="submit" className="btn btn-primary btn-small">
        {t('consultation.form.open')}
      </button>
    </form>
  );
}
