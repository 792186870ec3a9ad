/**
 * The comments on one item: threads oldest first, one level of replies,
 * a box to write, and reply, edit and delete on one's own comments (the
 * facilitator may delete any, and hide any into the moderation queue). Each
 * comment written in a consultation window carries its badge. Under
 * pre-moderation a participant's new comment goes to their drafts and is
 * listed to them alone as waiting until the facilitator approves it.
 * Renders only when this item's comments change (useComments). What is
 * refused by the server is taken back by the usual resync; nothing here
 * assumes a write succeeded.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { addComment, deleteComment, editComment, MAX_COMMENT_TEXT, type CommentNode, type CommentView } from '../../shared/comments';
import { originAt } from '../../shared/consultation';
import { useBoard } from '../hooks/useBoard';
import { useCommentDrafts } from '../hooks/useCommentDrafts';
import { useComments } from '../hooks/useComments';
import { useSession } from '../hooks/useSession';
import { OriginBadge } from './OriginBadge';

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

/** Where a new comment is written: the board, or under pre-moderation the participant's drafts, and with which origin. */
interface Writer {
  write: (input: { itemId: string; parentId?: string; text: string }) => void;
  /** Board text stays as approved while pre-moderation is on. */
  moderated: boolean;
}

function useCommentWriter(): Writer {
  const { doc, identity, serverNow } = useBoard();
  const drafts = useCommentDrafts();
  const session = useSession(doc);
  const moderated = drafts !== null && session.premoderation;
  return {
    moderated,
    write: ({ itemId, parentId, text }) => {
      // Where it is written: the meeting, or the consultation window open now (the server checks it).
      const origin = originAt(session, serverNow());
      const author = authorOf(identity);
      if (moderated) addComment(drafts, { itemId, parentId, author, text, origin, board: doc });
      else addComment(doc, { itemId, parentId, author, text, origin });
    },
  };
}

function CommentItem({ comment, canReply, writer }: { comment: CommentView; canReply: boolean; writer: Writer }) {
  const { t, i18n } = useTranslation();
  const { doc, identity, role, rights, control } = useBoard();
  const [mode, setMode] = useState<'view' | 'edit' | 'reply'>('view');
  const can = rights.discuss && role !== 'observer';
  const mine = comment.authorId === identity.id;
  const who = comment.byFacilitator ? t('identity.facilitatorChip') : t(`sector.${comment.authorSector}`);
  const when = new Date(comment.createdAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <article className="comment" data-comment-id={comment.id} data-mine={mine || undefined}>
      <p className="comment-meta small">
        <strong>{comment.authorName}</strong> · <span className={`sector-text sector-${comment.byFacilitator ? 'facilitator' : comment.authorSector}`}>{who}</span> · <span>{when}</span>
        {comment.editedAt !== null && <span className="muted"> · {t('comments.edited')}</span>} <OriginBadge origin={comment.origin} />
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
          {mine && !writer.moderated && (
            <button type="button" className="btn btn-ghost btn-small" aria-label={t('comments.editLabel')} onClick={() => setMode('edit')}>
              {t('comments.edit')}
            </button>
          )}
          {(mine || role === 'facilitator') && (
            <button type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={mine ? t('comments.deleteLabel') : t('comments.deleteOtherLabel', { name: comment.authorName })} onClick={() => deleteComment(doc, comment.id)}>
              {t('comments.delete')}
            </button>
          )}
          {role === 'facilitator' && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-label={t('comments.hideLabel', { name: comment.authorName })}
              onClick={() => void control.send({ t: 'moderate', action: 'hide', kind: 'comment', id: comment.id })}
            >
              {t('comments.hide')}
            </button>
          )}
        </div>
      )}
      {mode === 'reply' && (
        <CommentForm
          label={t('comments.replyText', { name: comment.authorName })}
          submit={t('comments.sendReply')}
          onSubmit={(text) => {
            writer.write({ itemId: comment.itemId, parentId: comment.id, text });
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

function Thread({ node, writer }: { node: CommentNode; writer: Writer }) {
  return (
    <li className="comment-thread">
      <CommentItem comment={node} canReply writer={writer} />
      {node.replies.length > 0 && (
        <ol className="comment-replies">
          {node.replies.map((r) => (
            <li key={r.id}>
              <CommentItem comment={r} canReply={false} writer={writer} />
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

/** The author's own comments on this item still waiting for approval, from their drafts: nobody else has them. */
function Waiting({ drafts, itemId }: { drafts: Y.Doc; itemId: string }) {
  const { t } = useTranslation();
  const { threads } = useComments(drafts, itemId);
  const waiting = threads.flatMap((n) => [n, ...n.replies]);
  if (waiting.length === 0) return null;
  return (
    <ol className="comment-list comment-waiting" aria-label={t('comments.waitingList')}>
      {waiting.map((c) => (
        <li key={c.id} className="comment" data-comment-id={c.id} data-pending>
          <p className="comment-meta small">
            <strong>{c.authorName}</strong> · <span className="muted">{t('moderation.waiting')}</span>
          </p>
          <p className="comment-text">{c.text}</p>
        </li>
      ))}
    </ol>
  );
}

export function CommentThread({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { doc, role, rights } = useBoard();
  const drafts = useCommentDrafts();
  const { threads } = useComments(doc, itemId);
  const writer = useCommentWriter();
  const can = rights.discuss && role !== 'observer';
  return (
    <section className="comments" aria-label={t('comments.list')}>
      {threads.length === 0 ? (
        <p className="muted">{t('comments.none')}</p>
      ) : (
        <ol className="comment-list">
          {threads.map((node) => (
            <Thread key={node.id} node={node} writer={writer} />
          ))}
        </ol>
      )}
      {drafts && <Waiting drafts={drafts} itemId={itemId} />}
      {can ? (
        <>
          {writer.moderated && <p className="muted small">{t('comments.moderatedHint')}</p>}
          <CommentForm label={t('comments.write')} submit={t('comments.send')} onSubmit={(text) => writer.write({ itemId, text })} />
        </>
      ) : (
        <p className="muted small">{t('comments.closed')}</p>
      )}
    </section>
  );
}
