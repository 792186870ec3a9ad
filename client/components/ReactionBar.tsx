/**
 * Agree / important / question on one item: a toggle per kind with its
 * count, pressed when I gave it; its name and tooltip give the counts per
 * sector. Read-only counts for whoever may not react (observers, a locked
 * board). Renders only when this item's reactions change (useReactions).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { originAt } from '../../shared/consultation';
import { REACTION_KINDS, toggleReaction, type ReactionCount, type ReactionKind } from '../../shared/reactions';
import { readSession, SECTORS } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useReactions } from '../hooks/useReactions';
import { Icon } from './icons';

/** "Public 1 · Civil society 2", or "none yet". */
export function sectorCounts(t: TFunction, c: ReactionCount): string {
  const parts = SECTORS.filter((s) => c.bySector[s] > 0).map((s) => `${t(`sector.${s}`)} ${c.bySector[s]}`);
  return parts.length > 0 ? parts.join(' · ') : t('comments.noSectors');
}

export function reactionLabel(t: TFunction, kind: ReactionKind, c: ReactionCount): string {
  return t('comments.toggle', { kind: t(`comments.kind.${kind}`), count: c.total, sectors: t('comments.bySector', { sectors: sectorCounts(t, c) }) });
}

export const ReactionBar = memo(function ReactionBar({ itemId, item }: { itemId: string; item: string }) {
  const { t } = useTranslation();
  const { doc, identity, rights, role, serverNow } = useBoard();
  const summary = useReactions(doc, itemId, identity.id);
  const can = rights.discuss && role !== 'observer';
  return (
    <div className="reaction-bar" role="group" aria-label={t('comments.reactionsOn', { item })}>
      {REACTION_KINDS.map((kind) => {
        const c = summary[kind];
        const label = reactionLabel(t, kind, c);
        const body = (
          <>
            <Icon name={kind} />
            <span className="reaction-count">{c.total}</span>
          </>
        );
        return can ? (
          <button
            key={kind}
            type="button"
            className={`reaction-btn${c.mine ? ' is-mine' : ''}`}
            aria-pressed={c.mine}
            aria-label={label}
            title={label}
            data-reaction={kind}
            data-count={c.total}
            onClick={() =>
              toggleReaction(doc, {
                itemId,
                participantId: identity.id,
                kind,
                sector: identity.neutral ? null : identity.sector,
                // Where it is given: the meeting, or the consultation window open now (the server checks it).
                // Read at the click, so a bar does not re-render with every change of the session.
                origin: originAt(readSession(doc), serverNow()),
              })
            }
          >
            {body}
          </button>
        ) : (
          <span key={kind} className="reaction-btn is-static" role="img" aria-label={label} title={label} data-reaction={kind} data-count={c.total}>
            {body}
          </span>
        );
      })}
    </div>
  );
});
