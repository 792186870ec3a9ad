/**
 * The facilitator's moderation queue: notes and comments waiting for approval
 * (approve or reject), those the profanity lists flag (hide), and hidden ones
 * (restore), each labelled with its kind.
 * Every action is a control message the server carries out and answers with
 * a new queue; nothing here edits the board itself.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModeratedItem, ModerationAction } from '../../shared/moderation';
import { useBoard } from '../hooks/useBoard';
import type { ModerationQueue } from '../hooks/useModerationQueue';
import { SectorBadge } from './SectorBadge';
import '../styles/Moderation.css';

interface ItemProps {
  item: ModeratedItem;
  actions: readonly ModerationAction[];
  note?: string;
  onAct: (action: ModerationAction, item: ModeratedItem) => void;
}

function QueueItem({ item, actions, note, onAct }: ItemProps) {
  const { t } = useTranslation();
  const label = t(item.kind === 'comment' ? 'moderation.commentItemLabel' : 'moderation.itemLabel', { name: item.authorName || '—' });
  return (
    <li className="moderation-item" aria-label={label} data-moderation-id={item.id} data-moderation-kind={item.kind} data-flagged={item.flags.length > 0 || undefined}>
      <p className="moderation-author">
        <strong>{item.authorName || '—'}</strong> <SectorBadge sector={item.sector} compact />
        {note && <span className="muted small"> · {note}</span>}
      </p>
      <p className="moderation-text">{item.text || t('moderation.empty')}</p>
      {item.flags.length > 0 && (
        <p className="moderation-flags small" role="note">
          ⚑ {t('moderation.flagWords', { words: item.flags.join(', ') })}
        </p>
      )}
      <div className="panel-row">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={`btn btn-small ${a === 'approve' || a === 'restore' ? 'btn-primary' : a === 'reject' ? 'btn-danger' : 'btn-secondary'}`}
            aria-label={`${t(`moderation.${a}`)}: ${label}`}
            onClick={() => onAct(a, item)}
          >
            {t(`moderation.${a}`)}
          </button>
        ))}
      </div>
    </li>
  );
}

function Section({ id, title, empty, items, render }: { id: string; title: string; empty: string; items: ModeratedItem[]; render: (i: ModeratedItem) => ReactElement }) {
  return (
    <section className="moderation-section" aria-labelledby={id}>
      <h3 id={id} className="panel-title">
        {title} ({items.length})
      </h3>
      {items.length === 0 ? <p className="muted small">{empty}</p> : <ul className="moderation-list">{items.map(render)}</ul>}
    </section>
  );
}

export function ModerationPanel({ queue }: { queue: ModerationQueue | null }) {
  const { t } = useTranslation();
  const { control } = useBoard();
  if (!queue) return <p className="muted" role="status">{t('moderation.loading')}</p>;
  const act = (action: ModerationAction, item: ModeratedItem): void => void control.send({ t: 'moderate', action, kind: item.kind, id: item.id });
  const pendingIds = new Set(queue.pending.map((i) => i.id));
  return (
    <div className="moderation-panel" data-testid="moderation-panel">
      <Section
        id="moderation-pending"
        title={t('moderation.pending')}
        empty={t('moderation.noPending')}
        items={queue.pending}
        render={(i) => <QueueItem key={i.id} item={i} actions={['approve', 'reject']} onAct={act} />}
      />
      <Section
        id="moderation-flagged"
        title={t('moderation.flagged')}
        empty={t('moderation.noFlagged')}
        items={queue.flagged}
        render={(i) =>
          pendingIds.has(i.id) ? (
            <QueueItem key={i.id} item={i} actions={['approve', 'reject']} note={t('moderation.isPending')} onAct={act} />
          ) : (
            <QueueItem key={i.id} item={i} actions={['hide']} onAct={act} />
          )
        }
      />
      <Section
        id="moderation-hidden"
        title={t('moderation.hidden')}
        empty={t('moderation.noHidden')}
        items={queue.hidden}
        render={(i) => <QueueItem key={i.id} item={i} actions={['restore']} onAct={act} />}
      />
    </div>
  );
}
