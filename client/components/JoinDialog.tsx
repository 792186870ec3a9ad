/** Asks for a name, a sector and whether one is in the room or remote,
 * before someone first writes on a board. Nothing is pre-selected, so nobody
 * is counted in a sector they did not choose. The facilitator is neutral (no
 * sector, no dots) unless they tick "I'm voting too" and pick a sector. The
 * identity chip opens the same dialog, pre-filled, to change any of it. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH, SECTORS, WHERES, type Sector, type Where } from '../../shared/schema';
import type { Profile } from '../lib/identity';
import { Dialog } from './Dialog';

interface JoinDialogProps {
  open: boolean;
  role: 'facilitator' | 'participant';
  identity: Profile | null;
  onSave: (profile: Profile) => void;
  onCancel?: () => void;
  /** Offered at join: open the outline (screen reader, keyboard) instead of the canvas. */
  onOutline?: () => void;
  /** Shown below the form when editing: what this person can do with their contributions (MyData). */
  children?: ReactNode;
}

export function JoinDialog({ open, role, identity, onSave, onCancel, onOutline, children }: JoinDialogProps) {
  const { t } = useTranslation();
  const facilitator = role === 'facilitator';
  const [name, setName] = useState(identity?.name ?? '');
  const [sector, setSector] = useState<Sector | null>(identity?.sector ?? null);
  const [where, setWhere] = useState<Where | null>(identity?.where ?? null);
  const [votes, setVotes] = useState(identity?.facilitatorVotes ?? false);
  const [outline, setOutline] = useState(false);
  const editing = onCancel !== undefined;
  const needsSector = !facilitator || votes;
  const complete = name.trim() !== '' && where !== null && (!needsSector || sector !== null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!complete || where === null) return;
    if (outline) onOutline?.();
    onSave({ name, sector: needsSector ? sector : (identity?.sector ?? null), where, facilitatorVotes: facilitator ? votes : (identity?.facilitatorVotes ?? false) });
  };

  return (
    <Dialog open={open} title={t(editing ? 'identity.editTitle' : 'identity.title')} onClose={onCancel}>
      <form className="join-form" onSubmit={submit} data-join-role={role}>
        <p className="dialog-intro">{t(facilitator ? 'identity.introFacilitator' : 'identity.intro')}</p>
        <label className="field">
          <span className="field-label">{t('identity.name')}</span>
          <input
            className="input"
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="name"
            required
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {facilitator && (
          <label className="check">
            <input type="checkbox" checked={votes} onChange={(e) => setVotes(e.target.checked)} />
            {t('identity.facilitatorVotes')}
          </label>
        )}
        {needsSector && (
          <fieldset className="field sector-choice">
            <legend className="field-label">{t('identity.sector')}</legend>
            {SECTORS.map((s) => (
              <label key={s} className={`sector-option sector-${s}`}>
                <input type="radio" name="sector" value={s} checked={sector === s} required onChange={() => setSector(s)} />
                <span className="sector-swatch" aria-hidden="true" />
                <span>{t(`sector.${s}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <fieldset className="field where-choice">
          <legend className="field-label">{t('identity.where')}</legend>
          {WHERES.map((w) => (
            <label key={w} className="sector-option">
              <input type="radio" name="where" value={w} checked={where === w} required onChange={() => setWhere(w)} />
              <span>{t(`where.${w}`)}</span>
            </label>
          ))}
        </fieldset>
        {!editing && onOutline && (
          <label className="check">
            <input type="checkbox" checked={outline} onChange={(e) => setOutline(e.target.checked)} data-join-outline />
            {t('outline.joinOption')}
          </label>
        )}
        {!complete && (
          <p className="muted small join-missing" role="status">
            {t(needsSector ? 'identity.chooseAll' : 'identity.chooseWhere')}
          </p>
        )}
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" className="btn btn-ghost" onClick={onCancel}>
              {t('identity.cancel')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!complete}>
            {t(editing ? 'identity.save' : 'identity.join')}
          </button>
        </div>
      </form>
      {editing && children}
    </Dialog>
  );
}
