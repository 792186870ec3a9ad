/**
 * The comments on one item: threads oldest first, one level of replies,
 * a box to write, and reply, edit and delete on one's own comments (the
 * facilitator may delete any). Renders only when this item's comments
 * change (useComments). What is refused by the server is taken back by the
 * usual resync; nothing here assumes a write succeeded.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addComment, deleteComment, editComment, MAX_COMMENT_TEXT, type CommentNode, type CommentView } from '../../shared/comments';
import { useBoard } from '../hooks/useBoard';
import { useComments } from '../hooks/useComments';

interface FormProps {
  label: string;
  submit: string;
  initial?: string;
  onSubmit: (text: string) => void;
  onCancel?: () => void;
}

function CommentForm({ label, submit, initial = '', onSubmit, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const hintId = useId();
  const send = (e: FormEvent): void => {
    e.preventDefault();
    if (!text.trim()) return;
    onSubmit(text);
    setText('');
  };
  return (
    <form className="comment-form" onSubmit={send}>
      <label className="field">
        <span className="field-label">{label}</span>
        <textarea
          className="input comment-input"
          value={text}
          maxLength={MAX_COMMENT_TEXT}
          rows={2}
          aria-describedby={hintId}
          // Focus lands in the box when it opens for a reply or an edit.
          autoFocus={onCancel !== undefined}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send(e);
            if (e.key === 'Escape' && onCancel) {
              e.preventDefault();
              onCancel();
            }
          }}
        />
      </label>
      <span id={hintId} className="muted small">
        {t('comments.limit', { max: MAX_COMMENT_TEXT })}
      </span>
      <div className="comment-form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={!text.trim()}>
          {submit}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-secondary btn-small" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function CommentItem({ comment, canReply }: { comment: CommentView; canReply: boolean }) {
  const { t, i18n } = useTranslation();
  const { doc, identity, role, rights } = useBoard();
  const [mode, setMode] = useState<'view' | 'edit' | 'reply'>('view');
  const can = rights.discuss && role !== 'observer';
  const mine = comment.authorId === identity.id;
  const who = comment.byFacilitator ? t('identity.facilitatorChip') : t(`sector.${comment.authorSector}`);
  const when = new Date(comment.createdAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <article className="comment" data-comment-id={comment.id} data-mine={mine || undefined}>
      <p className="comment-meta small">
        <strong>{comment.authorName}</strong> · <span className={`sector-text sector-${comment.byFacilitator ? 'facilitator' : comment.authorSector}`}>{who}</span> · <span>{when}</span>
        {comment.editedAt !== null && <span className="muted"> · {t('comments.edited')}</span>}
      </p>
      {mode === 'edit' ? (
        <CommentForm
          label={t('comments.editText')}
          submit={t('comments.save')}
          initial={comment.text}
          onSubmit={(text) => {
            editComment(doc, comment.id, text);
            setMode('view');
          }}
          onCancel={() => setMode('view')}
        />
      ) : (
        <p className="comment-text">{comment.text}</p>
      )}
      {can && mode === 'view' && (
        <div className="comment-actions">
          {canReply && (
            <button type="button" className="btn btn-ghost btn-small" aria-label={t('comments.replyLabel', { name: comment.authorName })} onClick={() => setMode('reply')}>
              {t('comments.reply')}
            </button>
          )}
          {mine && (
            <button type="button" className="btn btn-ghost btn-small" aria-label={t('comments.editLabel')} onClick={() => setMode('edit')}>
              {t('comments.edit')}
            </button>
          )}
          {(mine || role === 'facilitator') && (
            <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={mine ? t('comments.deleteLabel') : t('comments.deleteOtherLabel', { name: comment.authorName })} onClick={() => deleteComment(doc, comment.id)}>
              {t('comments.delete')}
            </button>
          )}
        </div>
      )}
      {mode === 'reply' && (
        <CommentForm
          label={t('comments.replyText', { name: comment.authorName })}
          submit={t('comments.sendReply')}
          onSubmit={(text) => {
            addComment(doc, { itemId: comment.itemId, parentId: comment.id, author: authorOf(identity), text });
            setMode('view');
          }}
          onCancel={() => setMode('view')}
        />
      )}
    </article>
  );
}

const authorOf = (identity: { id: string; name: string; sector: CommentView['authorSector']; neutral: boolean }) => ({
  id: identity.id,
  name: identity.name,
  sector: identity.sector,
  facilitator: identity.neutral,
});

function Thread({ node }: { node: CommentNode }) {
  return (
    <li className="comment-thread">
      <CommentItem comment={node} canReply />
      {node.replies.length > 0 && (
        <ol className="comment-replies">
          {node.replies.map((r) => (
            <li key={r.id}>
              <CommentItem comment={r} canReply={false} />
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

export function CommentThread({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { doc, identity, role, rights } = useBoard();
  const { threads } = useComments(doc, itemId);
  const can = rights.discuss && role !== 'observer';
  return (
    <section className="comments" aria-label={t('comments.list')}>
      {threads.length === 0 ? (
        <p className="muted">{t('comments.none')}</p>
      ) : (
        <ol className="comment-list">
          {threads.map((node) => (
            <Thread key={node.id} node={node} />
          ))}
        </ol>
      )}
      {can ? (
        <CommentForm label={t('comments.write')} submit={t('comments.send')} onSubmit={(text) => addComment(doc, { itemId, author: authorOf(identity), text })} />
      ) : (
        <p className="muted small">{t('comments.closed')}</p>
      )}
    </section>
  );
}
