/** A scenario's options: colour and delete (its notes stay on the board). */
import { usePopoverDismiss } from '../hooks/usePopoverDismiss';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCENARIO_COLORS, type ScenarioView } from '../../shared/schema';
import { deleteScenario, recolorScenario } from '../../shared/scenarios';
import { setSpotlight } from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import { useLiftAboveToolbar } from '../hooks/useLiftAboveToolbar';

export function ScenarioMenu({ scenario, onClose }: { scenario: ScenarioView; onClose: () => void }) {
  const { t } = useTranslation();
  const { doc, role, serverNow } = useBoard();
  const [confirming, setConfirming] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  usePopoverDismiss(ref, onClose, (menu) => [menu, menu.parentElement?.querySelector('.frame-header')]);
  const lift = useLiftAboveToolbar(ref, confirming);

  return (
    <div
      className="popover frame-menu"
      // 50px is .frame-menu's own top (ScenarioFrame.css): below the header.
      style={lift > 0 ? { top: `calc(50px - ${lift}px)` } : undefined}
      ref={ref}
      role="group"
      aria-label={t('scenario.menu')}
      data-no-pan
    >
      {role === 'facilitator' && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => {
            setSpotlight(doc, { kind: 'scenario', id: scenario.id }, serverNow());
            onClose();
          }}
        >
          {t('spotlight.button')}
        </button>
      )}
      <fieldset className="swatches">
        <legend className="field-label">{t('scenario.color')}</legend>
        {SCENARIO_COLORS.map((c) => (
          <label key={c} className={`swatch frame-${c}`} title={t(`scenarioColor.${c}`)}>
            <input
              type="radio"
              name={`scenario-color-${scenario.id}`}
              checked={c === scenario.color}
              aria-label={t(`scenarioColor.${c}`)}
              onChange={() => recolorScenario(doc, scenario.id, c)}
            />
          </label>
        ))}
      </fieldset>
      {confirming ? (
        <div className="confirm" role="alert">
          <span>{t('scenario.confirmDelete')}</span>
          <div className="confirm-actions">
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              {t('scenario.cancel')}
            </button>
            <button type="button" className="btn btn-danger btn-small" onClick={() => deleteScenario(doc, scenario.id)}>
              {t('scenario.confirm')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={() => setConfirming(true)}>
          {t('scenario.delete')}
        </button>
      )}
    </div>
  );
}
