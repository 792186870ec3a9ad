/** "Remove dot", the dots on an item (the total when everyone may see it,
 * and mine), "Add dot". In a secret round nobody sees a total before the
 * reveal; outside voting only a count already visible is shown. */
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import { useItemDots } from '../hooks/useItemDots';
import { useItemLabel } from '../hooks/useItemLabel';

export const DotControls = memo(function DotControls({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { rights, role } = useBoard();
  const { total, mine } = useItemDots(itemId);
  const totalShown = total !== null && total > 0;
  if (!rights.vote || role === 'observer') {
    return totalShown ? (
      <div className="dots" data-dots={total} data-my-dots={mine}>
        <span className="dot-count">
          <span className="dot-pip is-on" aria-hidden="true" />
          <span className="dot-total">{t('dots.total', { count: total })}</span>
        </span>
      </div>
    ) : null;
  }
  return <DotButtons itemId={itemId} />;
});

/** Only a voter's card watches its item's words, for buttons that name the item. */
function DotButtons({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { voteTotals, identity } = useBoard();
  const { total, mine, open } = useItemDots(itemId);
  const item = useItemLabel(itemId);
  const voter = { id: identity.id, sector: identity.sector, where: identity.where };
  const totalShown = total !== null && total > 0;
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="dots" data-dots={total ?? undefined} data-my-dots={mine}>
      <button
        type="button"
        className="dot-btn"
        aria-label={t('a11y.removeDot', { item })}
        title={t('dots.remove')}
        disabled={mine === 0 || !open}
        onClick={() => {
          // Removing my last dot disables this button: keep focus on the item, at "Add dot".
          if (mine === 1) addRef.current?.focus();
          voteTotals.vote(voter, itemId, -1);
        }}
      >
        −
      </button>
      <span className="dot-count">
        <span className={`dot-pip${mine > 0 || totalShown ? ' is-on' : ''}`} aria-hidden="true" />
        {total !== null && <span className="dot-total">{t('dots.total', { count: total })}</span>}
        {total === null ? (
          <span className="dot-mine">{t('dots.mineSecret', { count: mine })}</span>
        ) : (
          mine > 0 && <span className="dot-mine">{t('dots.mine', { count: mine })}</span>
        )}
      </span>
      <button ref={addRef} type="button" className="dot-btn" aria-label={t('a11y.addDot', { item })} title={t('dots.add')} disabled={!open} onClick={() => voteTotals.vote(voter, itemId, 1)}>
        +
      </button>
    </div>
  );
}
