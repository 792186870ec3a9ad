import { describe, expect, it } from 'vitest';
import { closePanel, fitToScreen, openPanel, togglePanel } from '../../../client/lib/sidePanels';

describe('side panels beside the board', () => {
  it('keeps one panel open at a time on a laptop, the last one asked for', () => {
    // At 1440 px the plan, the results and the facilitation panel together covered the whole canvas.
    let open = openPanel([], 'facilitate', 1440);
    open = openPanel(open, 'plan', 1440);
    expect(open).toEqual(['plan']);
    open = openPanel(open, 'results', 1440);
    expect(open).toEqual(['results']);
    expect(openPanel([], 'plan', 1280)).toEqual(['plan']);
  });

  it('lets a wide screen keep several open', () => {
    expect(openPanel(['facilitate'], 'plan', 1920)).toEqual(['facilitate', 'plan']);
    expect(openPanel(['facilitate', 'plan'], 'plan', 1920)).toEqual(['facilitate', 'plan']);
  });

  it('closes and toggles', () => {
    expect(closePanel(['facilitate', 'plan'], 'plan')).toEqual(['facilitate']);
    expect(togglePanel(['results'], 'results', 1440)).toEqual([]);
    expect(togglePanel(['results'], 'facilitate', 1440)).toEqual(['facilitate']);
  });

  it('drops all but the newest panel when the window narrows', () => {
    expect(fitToScreen(['facilitate', 'plan'], 1280)).toEqual(['plan']);
    expect(fitToScreen(['facilitate', 'plan'], 1920)).toEqual(['facilitate', 'plan']);
  });
});
