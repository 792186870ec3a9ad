/** "Remove dot", the dots on an item (total and mine), "Add dot". Outside
 * voting only a count already placed is shown. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { castDot, retractDot } from '../../shared/votes';
import { useBoard } from '../hooks/useBoard';
import { useItemDots } from '../hooks/useItemDots';

export const DotControls = memo(function DotControls({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { doc, identity, rights, role } = useBoard();
  const { total, mine } = useItemDots(itemId);
  const voter = { id: identity.id, sector: identity.sector };
  if (!rights.vote || role === 'observer') {
    return total > 0 ? (
      <div className="dots" data-dots={total} data-my-dots={mine}>
        <span className="dot-count">
          <span className="dot-pip is-on" aria-hidden="true" />
          <span className="dot-total">{t('dots.total', { count: total })}</span>
        </span>
      </div>
    ) : null;
  }
  return (
    <div className="dots" data-dots={total} data-my-dots={mine}>
      <button
        type="button"
        className="dot-btn"
        aria-label={t('dots.remove')}
        title={t('dots.remove')}
        disabled={mine === 0}
        onClick={() => retractDot(doc, voter, itemId)}
      >
        −
      </button>
      <span className="dot-count">
        <span className={`dot-pip${total > 0 ? ' is-on' : ''}`} aria-hidden="true" />
        <span className="dot-total">{t('dots.total', { count: total })}</span>
        {mine > 0 && <span className="dot-mine">{t('dots.mine', { count: mine })}</span>}
      </span>
      <button
        type="button"
        className="dot-btn"
        aria-label={t('dots.add')}
        title={t('dots.add')}
        onClick={() => castDot(doc, voter, itemId)}
      >
        +
      </button>
    </div>
  );
});
