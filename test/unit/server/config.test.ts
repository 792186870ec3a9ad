import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';

describe('the limits in the configuration', () => {
  it('defaults to the documented limits', () => {
    const c = loadConfig({});
    expect([c.MAX_NOTES_PER_ROOM, c.MAX_SCENARIOS_PER_ROOM, c.MAX_ACTIONS_PER_ROOM, c.MAX_ROOM_BYTES]).toEqual([2000, 200, 200, 16 * 1024 * 1024]);
  });

  it('reads them from the environment and refuses values that are not positive whole numbers', () => {
    expect(loadConfig({ MAX_NOTES_PER_ROOM: '50', MAX_ROOM_BYTES: '1048576' })).toMatchObject({ MAX_NOTES_PER_ROOM: 50, MAX_ROOM_BYTES: 1048576 });
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => loadConfig({ MAX_NOTES_PER_ROOM: bad }), bad).toThrow(/MAX_NOTES_PER_ROOM/);
  });
});
