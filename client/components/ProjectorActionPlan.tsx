/**
 * The action plan on the projector: each card read as a plan, not a form —
 * title, the priority it answers, lead and partners with their sectors, each
 * sector's commitment, and the free-text fields as paragraphs that wrap at
 * word boundaries. Nothing here can be edited or focused.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { ACTION_TEXT_FIELDS, actionText, actionsOf, type ActionTextField } from '../../shared/actions';
import { SECTORS } from '../../shared/schema';
import { useAction, useActionIds } from '../hooks/useActions';
import { useBoard } from '../hooks/useBoard';
import { useObserved } from '../hooks/useObserved';
import { SectorBadge } from './SectorBadge';

function useActionFieldText(doc: Y.Doc, id: string, field: ActionTextField): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      // The card's map, deep: its Y.Text may be replaced as well as edited.
      const m = actionsOf(doc).get(id);
      m?.observeDeep(onChange);
      return () => m?.unobserveDeep(onChange);
    },
    [doc, id],
  );
  return useObserved(subscribe, () => actionText(doc, id, field)?.toString() ?? '');
}

function PlanField({ doc, id, field }: { doc: Y.Doc; id: string; field: ActionTextField }) {
  const { t } = useTranslation();
  const text = useActionFieldText(doc, id, field).trim();
  if (!text) return null;
  return (
    <div className="plan-field" data-action-field={field}>
      <dt>{t(`actions.${field}`)}</dt>
      <dd>{text}</dd>
    </div>
  );
}

function PlanCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const action = useAction(doc, id);
  if (!action) return null;
  return (
    <article className="plan-card" data-action-id={id} aria-labelledby={`plan-title-${id}`}>
      <h3 id={`plan-title-${id}`} className="plan-title">
        {action.title || t('actions.untitled')}
      </h3>
      <p className="plan-orgs">
        <span className="plan-label">{t('actions.lead')}:</span>{' '}
        {action.lead ? (
          <span className="plan-org" data-lead>
            {action.lead.name} <SectorBadge sector={action.lead.sector} compact />
          </span>
        ) : (
          <span className="muted">{t('actions.noLead')}</span>
        )}
      </p>
      {action.partners.length > 0 && (
        <p className="plan-orgs">
          <span className="plan-label">{t('actions.partners')}:</span>{' '}
          {action.partners.map((p, i) => (
            <span key={`${p.name}-${i}`} className="plan-org" data-partner={p.name}>
              {p.name} <SectorBadge sector={p.sector} compact />
            </span>
          ))}
        </p>
      )}
      <dl className="plan-fields">
        {ACTION_TEXT_FIELDS.map((f) => (
          <PlanField key={f} doc={doc} id={id} field={f} />
        ))}
      </dl>
      <ul className="plan-commitments" aria-label={t('actions.commitments')} data-committed-count={action.committedSectors.length}>
        {SECTORS.map((s) => {
          const c = action.commitments[s];
          return (
            <li key={s} className={`plan-commitment${c ? ' is-committed' : ''}`} data-commitment={s} data-committed={c ? 'true' : 'false'}>
              <SectorBadge sector={s} compact /> {c ? t('actions.committedBy', { name: c.name }) : t('actions.notYet')}
            </li>
          );
        })}
      </ul>
    </article>
  );
}

export function ProjectorActionPlan() {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const ids = useActionIds(doc);
  if (ids.length === 0) return <p className="muted projector-empty">{t('actions.empty')}</p>;
  return (
    <div className="plan-cards">
      {ids.map((id) => (
        <PlanCard key={id} id={id} />
      ))}
    </div>
  );
}
