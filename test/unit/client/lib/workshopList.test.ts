import { beforeEach, describe, expect, it } from 'vitest';
import { forgetWorkshop, loadWorkshops, rememberWorkshop, subscribeWorkshops } from '../../../../client/lib/workshopList';

/** The parts of a browser's window the list uses: localStorage and storage events. */
function fakeWindow(): Map<string, string> {
  const store = new Map<string, string>();
  (globalThis as { window?: unknown }).window = {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return store;
}

describe("this device's list of workshops", () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = fakeWindow();
  });

  it('keeps title, role and phase, most recently opened first, and follows changes', () => {
    rememberWorkshop({ roomId: 'room-a', title: 'Contratto di fiume Olona', role: 'facilitator', phase: 'listening' }, 1000, true);
    rememberWorkshop({ roomId: 'room-b', title: 'Alleanza', role: 'participant', phase: 'listening' }, 2000, true);
    rememberWorkshop({ roomId: 'room-a', title: 'Contratto di fiume Olona', role: 'facilitator', phase: 'scenarios' }, 3000);
    expect(loadWorkshops().map((w) => [w.roomId, w.phase, w.lastOpened])).toEqual([
      ['room-b', 'listening', 2000],
      ['room-a', 'scenarios', 1000],
    ]);
    rememberWorkshop({ roomId: 'room-a', title: 'Contratto di fiume Olona', role: 'facilitator', phase: 'scenarios' }, 4000, true);
    expect(loadWorkshops()[0]).toMatchObject({ roomId: 'room-a', firstSeen: 1000, lastOpened: 4000 });
  });

  it('forgets one workshop and tells listeners', () => {
    let calls = 0;
    const stop = subscribeWorkshops(() => calls++);
    rememberWorkshop({ roomId: 'room-a', title: 'A', role: 'facilitator', phase: 'listening' }, 1, true);
    rememberWorkshop({ roomId: 'room-b', title: 'B', role: 'observer', phase: 'codesign' }, 2, true);
    forgetWorkshop('room-a');
    expect(loadWorkshops().map((w) => w.roomId)).toEqual(['room-b']);
    expect(calls).toBe(3);
    stop();
  });

  it('stores no link token and survives a damaged entry', () => {
    rememberWorkshop({ roomId: 'room-a', title: 'A', role: 'facilitator', phase: 'listening' }, 1, true);
    const raw = store.get('tavolo.workshops')!;
    expect(Object.keys(JSON.parse(raw)[0] as object).sort()).toEqual(['firstSeen', 'lastOpened', 'phase', 'role', 'roomId', 'title']);
    store.set('tavolo.workshops', JSON.stringify([{ roomId: 'x' }, JSON.parse(raw)[0]]));
    expect(loadWorkshops().map((w) => w.roomId)).toEqual(['room-a']);
  });
});
