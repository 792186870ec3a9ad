/** Other people's pointers, placed in world units so they land on the same
 * spot at any zoom, and counter-scaled so they stay a readable size. */
import { useTranslation } from 'react-i18next';
import { useBoard } from '../hooks/useBoard';
import { useCursors, useFacilitatorCursorOnly } from '../hooks/useCursors';

export function Cursors({ zoom, facilitatorOnly }: { zoom: number; facilitatorOnly: boolean }) {
  const { t } = useTranslation();
  const { awareness } = useBoard();
  const all = useCursors(awareness);
  const onlyFacilitator = useFacilitatorCursorOnly(facilitatorOnly);
  const cursors = onlyFacilitator ? all.filter((c) => c.user.role === 'facilitator') : all;
  return (
    <div className="layer-cursors" aria-hidden="true">
      {cursors.map((c) => (
        <div
          key={c.user.clientId}
          className="cursor"
          style={{ transform: `translate(${c.x}px, ${c.y}px) scale(${1 / zoom})`, color: c.user.color }}
          title={t('canvas.cursorOf', { name: c.user.name })}
        >
          <svg width="18" height="22" viewBox="0 0 18 22" aria-hidden="true">
            <path d="M1 1 L1 18 L6 13.5 L9.5 21 L12.5 19.6 L9 12.2 L16 12 Z" fill="currentColor" stroke="white" strokeWidth="1.5" />
          </svg>
          <span className="cursor-label" style={{ background: c.user.color }}>
            {c.user.name}
          </span>
        </div>
      ))}
    </div>
  );
}
