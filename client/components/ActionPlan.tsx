/**
 * The Co-design action plan: the top priorities of the latest round, each
 * with "Create action card", a free "New action", and the cards. Editable
 * by participants in Co-design and by the facilitator always; read-only
 * for everyone else (and large on the projector).
 */
import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createAction } from '../../shared/actions';
import type { RoundResult } from '../../shared/scoring';
import { useActionIds, useActionSources } from '../hooks/useActions';
import { useBoard } from '../hooks/useBoard';
import { useLiveResult, useRevealedRounds } from '../hooks/useRoundResults';
import { requestFocus, takePendingFocus } from '../lib/focusRequest';
import { ActionCard } from './ActionCard';
import '../styles/ActionPlan.css';

/** How many of the ranking the plan offers as starting points. */
const TOP_PRIORITIES = 5;

function usePrioritySource(): RoundResult | null {
  const { doc } = useBoard();
  const rounds = useRevealedRounds(doc);
  const live = useLiveResult(doc);
  return rounds[rounds.length - 1] ?? live;
}

export function ActionPlan({ size = 'panel' }: { size?: 'panel' | 'large' }) {
  const { t } = useTranslation();
  const { doc, identity, role, rights } = useBoard();
  const ids = useActionIds(doc);
  const sources = useActionSources(doc);
  const result = usePrioritySource();
  const editable = rights.codesign && role !== 'observer';
  const top = result ? [...result.items].sort((a, b) => a.rank - b.rank).slice(0, TOP_PRIORITIES) : [];
  const labels = new Map(result?.items.map((i) => [i.id, i.label || t(i.kind === 'note' ? 'note.empty' : 'scenario.unnamed')]) ?? []);

  // A new card's first field takes focus once it has mounted.
  useLayoutEffect(() => takePendingFocus(), [ids]);

  const create = (title: string, fromItemId: string | null): void => {
    const id = createAction(doc, { title, fromItemId, createdBy: identity.id });
    requestFocus(`[data-action-id="${id}"] [data-action-field="objective"] textarea`);
  };

  return (
    <div className={`action-plan is-${size}`} data-editable={editable ? 'true' : 'false'}>
      {editable && (
        <section className="action-priorities" aria-labelledby="action-priorities-title">
          <h3 id="action-priorities-title" className="panel-title">
            {t('actions.priorities')}
          </h3>
          {top.length === 0 ? (
            <p className="muted small">{t('actions.noPriorities')}</p>
          ) : (
            <ol className="action-priority-list">
              {top.map((item) => (
                <li key={item.id} data-priority-id={item.id}>
                  <span className="result-rank is-small" aria-hidden="true">
                    {item.rank}
                  </span>
                  <span className="action-priority-label">{labels.get(item.id)}</span>
                  {sources.has(item.id) ? (
                    <span className="muted small">{t('actions.exists')}</span>
                  ) : (
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => create(labels.get(item.id) ?? '', item.id)}>
                      {t('actions.create')}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          )}
          <button type="button" className="btn btn-primary btn-small" onClick={() => create('', null)}>
            + {t('actions.newAction')}
          </button>
        </section>
      )}
      {!editable && role !== 'observer' && <p className="muted small">{t('actions.readOnly')}</p>}
      {ids.length === 0 ? (
        <p className="muted action-empty">{t('actions.empty')}</p>
      ) : (
        <div className="action-cards">
          {ids.map((id) => {
            const from = sources.size > 0 ? [...sources].find(([, a]) => a === id)?.[0] : undefined;
            return <ActionCard key={id} id={id} priority={from ? (labels.get(from) ?? null) : null} />;
          })}
        </div>
      )}
    </div>
  );
}

/** On the board: a side panel beside the canvas (never over its controls), open by default in Co-design. */
export function ActionPlanPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="action-plan-panel" aria-labelledby="action-plan-title">
      <header className="results-header">
        <h2 id="action-plan-title">{t('actions.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('actions.close')} title={t('actions.close')} onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="action-plan-body">
        <ActionPlan />
      </div>
    </aside>
  );
}
