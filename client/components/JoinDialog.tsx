/** Asks for a name, a sector and whether one is in the room or remote,
 * before someone first writes on a board. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH, SECTORS, WHERES, type Sector, type Where } from '../../shared/schema';
import type { Profile } from '../lib/identity';
import { Dialog } from './Dialog';

interface JoinDialogProps {
  open: boolean;
  identity: Profile | null;
  onSave: (name: string, sector: Sector, where: Where) => void;
  onCancel?: () => void;
}

export function JoinDialog({ open, identity, onSave, onCancel }: JoinDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(identity?.name ?? '');
  const [sector, setSector] = useState<Sector>(identity?.sector ?? 'public');
  const [where, setWhere] = useState<Where>(identity?.where ?? 'room');
  const editing = identity !== null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!name.trim()) return;
    onSave(name, sector, where);
  };

  return (
    <Dialog open={open} title={t(editing ? 'identity.editTitle' : 'identity.title')} onClose={onCancel}>
      <form className="join-form" onSubmit={submit}>
        <p className="dialog-intro">{t('identity.intro')}</p>
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
        <fieldset className="field sector-choice">
          <legend className="field-label">{t('identity.sector')}</legend>
          {SECTORS.map((s) => (
            <label key={s} className={`sector-option sector-${s}`}>
              <input type="radio" name="sector" value={s} checked={sector === s} onChange={() => setSector(s)} />
              <span className="sector-swatch" aria-hidden="true" />
              <span>{t(`sector.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field where-choice">
          <legend className="field-label">{t('identity.where')}</legend>
          {WHERES.map((w) => (
            <label key={w} className="sector-option">
              <input type="radio" name="where" value={w} checked={where === w} onChange={() => setWhere(w)} />
              <span>{t(`where.${w}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" className="btn btn-ghost" onClick={onCancel}>
              {t('identity.cancel')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
            {t(editing ? 'identity.save' : 'identity.join')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
