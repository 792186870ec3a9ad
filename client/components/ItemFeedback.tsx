/**
 * Comments and reactions on one note, scenario or action card: the reaction
 * toggles and a "Comments (n)" button that opens the thread in a dialog.
 * `compact` (a note on the board, where there is no room for a bar): one
 * button with the counts, opening the same dialog, toggles inside. Only on
 * the shared board: a private draft has no readers to answer it.
 */
import { memo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REACTION_KINDS } from '../../shared/reactions';
import { useBoard } from '../hooks/useBoard';
import { useComments } from '../hooks/useComments';
import { useItemLabel } from '../hooks/useItemLabel';
import { useReactions } from '../hooks/useReactions';
import { CommentThread } from './CommentThread';
import { Dialog } from './Dialog';
import { Icon } from './icons';
import { ReactionBar, reactionLabel } from './ReactionBar';
import '../styles/Comments.css';

interface Props {
  itemId: string;
  /** What the item is called, for accessible names; a note's or scenario's own words when omitted. */
  label?: string;
  compact?: boolean;
}

/** Keys and pointers inside the dialog stay there. */
const keepInside = (e: SyntheticEvent): void => e.stopPropagation();

function FeedbackDialog({ itemId, item, onClose }: { itemId: string; item: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open title={t('comments.dialogTitle', { item })} onClose={onClose} className="comments-dialog">
      <div className="comments-dialog-body">
        <ReactionBar itemId={itemId} item={item} />
        <ReactionDetail itemId={itemId} />
        <CommentThread itemId={itemId} />
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('comments.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** The per-sector counts of each kind, as text (the toggles carry them only in their names). */
function ReactionDetail({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { doc, identity } = useBoard();
  const summary = useReactions(doc, itemId, identity.id);
  const given = REACTION_KINDS.filter((k) => summary[k].total > 0);
  if (given.length === 0) return null;
  return (
    <ul className="reaction-detail small">
      {given.map((k) => (
        <li key={k}>{reactionLabel(t, k, summary[k])}</li>
      ))}
    </ul>
  );
}

function ItemFeedbackImpl({ itemId, label, compact = false }: Props) {
  const { t } = useTranslation();
  const { doc, identity, space } = useBoard();
  const ownLabel = useItemLabel(itemId);
  const item = label ?? ownLabel;
  const [open, setOpen] = useState(false);
  const { count } = useComments(doc, itemId);
  const reactions = useReactions(doc, itemId, identity.id);
  if (space !== 'board') return null;
  const reactionTotal = REACTION_KINDS.reduce((n, k) => n + reactions[k].total, 0);
  const openLabel = t('comments.openLabel', {
    item,
    comments: t('comments.commentCount', { count }),
    reactions: t('comments.reactionCount', { count: reactionTotal }),
  });
  const tooltip = [openLabel, ...REACTION_KINDS.filter((k) => reactions[k].total > 0).map((k) => reactionLabel(t, k, reactions[k]))].join('\n');
  return (
    <div className={`item-feedback${compact ? ' is-compact' : ''}`} data-feedback-for={itemId}>
      {!compact && <ReactionBar itemId={itemId} item={item} />}
      <button
        type="button"
        className="btn btn-ghost btn-small comments-btn"
        aria-label={openLabel}
        title={tooltip}
        aria-haspopup="dialog"
        data-comment-count={count}
        onClick={() => setOpen(true)}
      >
        <Icon name="comment" />
        <span className="comments-count">{compact ? count : t('comments.open') + ` (${count})`}</span>
        {compact &&
          REACTION_KINDS.filter((k) => reactions[k].total > 0).map((k) => (
            <span key={k} className="comments-reaction" data-reaction={k}>
              <Icon name={k} />
              {reactions[k].total}
            </span>
          ))}
      </button>
      {open && (
        // React events bubble through the component tree: the card or frame behind must not take them as drags or pans.
        <div className="comments-dialog-host" onPointerDown={keepInside} onWheel={keepInside} onDoubleClick={keepInside} onKeyDown={keepInside}>
          <FeedbackDialog itemId={itemId} item={item} onClose={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}

/** Only the item can change what the bar shows; it observes the rest itself. */
export const ItemFeedback = memo(ItemFeedbackImpl);
