import { describe, expect, it } from 'vitest';
import {
  ITEM_ID_PATTERN,
  ROOM_ID_LENGTH,
  ROOM_ID_PATTERN,
  isRoomId,
  newItemId,
  newRoomId,
  randomId,
} from '../../../shared/ids';

const URL_SAFE = /^[A-Za-z0-9_-]*$/;

describe('room ids', () => {
  it('are 22 URL-safe characters that the server recognises', () => {
    const id = newRoomId();
    expect(id).toHaveLength(ROOM_ID_LENGTH);
    expect(id).toMatch(ROOM_ID_PATTERN);
    expect(isRoomId(id)).toBe(true);
    expect(encodeURIComponent(id)).toBe(id);
  });

  it.each(['', 'short', 'a'.repeat(21), 'a'.repeat(23), 'a'.repeat(21) + '/', 'a'.repeat(21) + '.', 'a'.repeat(21) + '%'])(
    'rejects %j as a room id',
    (candidate) => {
      expect(isRoomId(candidate)).toBe(false);
    },
  );

  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newRoomId));
    expect(ids.size).toBe(10_000);
  });
});

describe('item ids', () => {
  it('are 16 URL-safe characters matching the item pattern', () => {
    const id = newItemId();
    expect(id).toHaveLength(16);
    expect(id).toMatch(ITEM_ID_PATTERN);
  });

  it('the item pattern accepts 8 to 64 URL-safe characters only', () => {
    expect(ITEM_ID_PATTERN.test('a'.repeat(8))).toBe(true);
    expect(ITEM_ID_PATTERN.test('a'.repeat(64))).toBe(true);
    expect(ITEM_ID_PATTERN.test('a'.repeat(7))).toBe(false);
    expect(ITEM_ID_PATTERN.test('a'.repeat(65))).toBe(false);
    expect(ITEM_ID_PATTERN.test('abcdefg h')).toBe(false);
  });
});

describe('random ids', () => {
  it('have the requested length and use only URL-safe characters', () => {
    for (const length of [1, 8, 32, 100]) {
      const id = randomId(length);
      expect(id).toHaveLength(length);
      expect(id).toMatch(URL_SAFE);
    }
  });

  it('draw on the whole 64-symbol alphabet', () => {
    const seen = new Set(randomId(20_000));
    expect(seen.size).toBe(64);
  });
});

describe('join codes', () => {
  it('are 10 unambiguous characters, read back however people type them', async () => {
    const { newJoinCode, normalizeJoinCode, formatJoinCode, JOIN_CODE_PATTERN } = await import('../../../shared/ids');
    const code = newJoinCode();
    expect(code).toMatch(JOIN_CODE_PATTERN);
    expect(normalizeJoinCode(formatJoinCode(code).toLowerCase())).toBe(code);
    expect(normalizeJoinCode('k7p2q-x9m4t')).toBe('K7P2QX9M4T');
    expect(normalizeJoinCode('O1IL0 ABCDE')).toBe('01110ABCDE');
    expect(normalizeJoinCode('short')).toBeNull();
    expect(normalizeJoinCode('UUUUUUUUUU')).toBeNull();
  });
});
