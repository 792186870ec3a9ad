/**
 * One co-design action card: title, the four free-text fields (each bound
 * to its Y.Text, so several people type at once), the lead organisation,
 * partners, and each sector's commitment — shown as colour and label, with
 * "Commit my sector" / "Withdraw" for the person's own sector.
 */
import { memo, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { ACTION_TEXT_FIELDS, MAX_ACTION_TEXT, actionText, commit, deleteAction, setActionTitle, setLead, setPartners, withdraw, type ActionTextField } from '../../shared/actions';
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH, SECTORS, isSector, type Sector } from '../../shared/schema';
import { useAction } from '../hooks/useActions';
import { useBoard } from '../hooks/useBoard';
import { useYTextArea } from '../hooks/useYTextArea';
import { ItemFeedback } from './ItemFeedback';
import { SectorBadge } from './SectorBadge';

function SectorSelect({ value, label, disabled, onChange }: { value: Sector; label: string; disabled: boolean; onChange: (s: Sector) => void }) {
  const { t } = useTranslation();
  return (
    <select className="input action-sector" aria-label={label} value={value} disabled={disabled} onChange={(e) => isSector(e.target.value) && onChange(e.target.value)}>
      {SECTORS.map((s) => (
        <option key={s} value={s}>
          {t(`sector.${s}`)}
        </option>
      ))}
    </select>
  );
}

function ActionField({ doc, id, field, editable }: { doc: Y.Doc; id: string; field: ActionTextField; editable: boolean }) {
  const { t } = useTranslation();
  const ytext = useMemo(() => actionText(doc, id, field), [doc, id, field]);
  const text = useYTextArea(ytext, MAX_ACTION_TEXT);
  return (
    <label className="field action-field" data-action-field={field}>
      <span className="field-label">{t(`actions.${field}`)}</span>
      <textarea ref={text.ref} className="input action-textarea" rows={2} onInput={text.onInput} readOnly={!editable} placeholder={editable ? t(`actions.${field}Hint`) : ''} />
    </label>
  );
}

function AddPartner({ onAdd }: { onAdd: (name: string, sector: Sector) => void }) {
  const { t } = useTranslation();
  const { identity } = useBoard();
  const [name, setName] = useState('');
  const [sector, setSector] = useState<Sector>(identity.sector);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!name.trim()) return;
    onAdd(name.trim(), sector);
    setName('');
  };
  return (
    <form className="action-add-partner" onSubmit={submit}>
      <input className="input" aria-label={t('actions.partnerName')} placeholder={t('actions.partnerName')} value={name} maxLength={MAX_NAME_LENGTH} onChange={(e) => setName(e.target.value)} />
      <SectorSelect value={sector} label={t('actions.partnerSector')} disabled={false} onChange={setSector} />
      <button type="submit" className="btn btn-secondary btn-small" disabled={!name.trim()}>
        {t('actions.addPartner')}
      </button>
    </form>
  );
}

interface ActionCardProps {
  id: string;
  /** The priority's label, when the card answers one. */
  priority: string | null;
}

export const ActionCard = memo(function ActionCard({ id, priority }: ActionCardProps) {
  const { t } = useTranslation();
  const { doc, identity, role, rights } = useBoard();
  const action = useAction(doc, id);
  if (!action) return null;
  const editable = rights.codesign && role !== 'observer';
  const mine = identity.sector;
  const myCommitment = action.commitments[mine];
  const lead = action.lead ?? { name: '', sector: mine };
  return (
    <article className="action-card" data-action-id={id} aria-labelledby={`action-title-${id}`}>
      <header className="action-head">
        <input
          id={`action-title-${id}`}
          className="input action-title"
          aria-label={t('actions.titleLabel')}
          value={action.title}
          placeholder={t('actions.untitled')}
          maxLength={MAX_TITLE_LENGTH}
          readOnly={!editable}
          onChange={(e) => setActionTitle(doc, id, e.target.value)}
        />
        {role === 'facilitator' && (
          <button type="button" className="icon-btn" aria-label={t('actions.delete')} title={t('actions.delete')} onClick={() => deleteAction(doc, id)}>
            ✕
          </button>
        )}
      </header>
      {priority !== null && <p className="action-priority muted small">{t('actions.fromPriority', { label: priority })}</p>}

      <div className="action-fields">
        {ACTION_TEXT_FIELDS.map((f) => (
          <ActionField key={f} doc={doc} id={id} field={f} editable={editable} />
        ))}
      </div>

      <section className="action-orgs" aria-label={t('actions.organisations')}>
        <div className="action-lead">
          <span className="field-label">{t('actions.lead')}</span>
          {editable ? (
            <div className="action-org-row">
              <input
                className="input"
                aria-label={t('actions.leadName')}
                placeholder={t('actions.leadName')}
                value={lead.name}
                maxLength={MAX_NAME_LENGTH}
                onChange={(e) => setLead(doc, id, e.target.value ? { name: e.target.value, sector: lead.sector } : null)}
              />
              <SectorSelect value={lead.sector} label={t('actions.leadSector')} disabled={!action.lead} onChange={(s) => setLead(doc, id, { name: lead.name, sector: s })} />
            </div>
          ) : action.lead ? (
            <p className="action-org" data-lead>
              <span className="action-org-name">{action.lead.name}</span>
              <SectorBadge sector={action.lead.sector} compact />
            </p>
          ) : (
            <p className="muted small">{t('actions.noLead')}</p>
          )}
        </div>
        <div className="action-partners">
          <span className="field-label">{t('actions.partners')}</span>
          {action.partners.length === 0 ? (
            <p className="muted small">{t('actions.noPartners')}</p>
          ) : (
            <ul className="action-partner-list">
              {action.partners.map((p, i) => (
                <li key={`${p.name}-${i}`} className="action-org" data-partner={p.name}>
                  <span className="action-org-name">{p.name}</span>
                  <SectorBadge sector={p.sector} compact />
                  {editable && (
                    <button
                      type="button"
                      className="icon-btn icon-btn-small"
                      aria-label={t('actions.removePartner', { name: p.name })}
                      title={t('actions.removePartner', { name: p.name })}
                      onClick={() => setPartners(doc, id, action.partners.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {editable && <AddPartner onAdd={(name, sector) => setPartners(doc, id, [...action.partners, { name, sector }])} />}
        </div>
      </section>

      <section className="action-commitments" aria-label={t('actions.commitments')}>
        <div className="action-commit-head">
          <span className="field-label">{t('actions.commitments')}</span>
          <span className="muted small" data-committed-count={action.committedSectors.length}>
            {t('actions.committedCount', { count: action.committedSectors.length, total: SECTORS.length })}
          </span>
        </div>
        <ul className="commitment-list">
          {SECTORS.map((s) => {
            const c = action.commitments[s];
            return (
              <li key={s} className={`commitment sector-${s}${c ? ' is-committed' : ''}`} data-commitment={s} data-committed={c ? 'true' : 'false'}>
                <SectorBadge sector={s} compact />
                <span className="commitment-state">
                  {c ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      {t('actions.committedBy', { name: c.name })}
                    </>
                  ) : (
                    t('actions.notYet')
                  )}
                </span>
              </li>
            );
          })}
        </ul>
        {editable && (
          <div className="panel-row">
            {myCommitment ? (
              <button type="button" className="btn btn-secondary btn-small" onClick={() => withdraw(doc, id, mine)}>
                {t('actions.withdraw', { sector: t(`sector.${mine}`) })}
              </button>
            ) : (
              <button type="button" className={`btn btn-primary btn-small`} onClick={() => commit(doc, id, mine, { participantId: identity.id, name: identity.name })}>
                {t('actions.commit')}
              </button>
            )}
          </div>
        )}
      </section>
      <ItemFeedback itemId={id} label={action.title || t('actions.untitled')} />
    </article>
  );
});
