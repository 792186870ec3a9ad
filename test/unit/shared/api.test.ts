import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CLOSE_ROOM_NOT_FOUND,
  CLOSE_UNAUTHORIZED,
  CreateRoomBody,
  CreateRoomResponse,
  RoomInfo,
} from '../../../shared/api';
import { MAX_TITLE_LENGTH } from '../../../shared/schema';

describe('creating a room over HTTP', () => {
  it('accepts a title and trims surrounding spaces', () => {
    expect(CreateRoomBody.parse({ title: '  Mobility 2040 ' })).toEqual({ title: 'Mobility 2040' });
  });

  it('accepts a title of exactly the maximum length', () => {
    expect(CreateRoomBody.safeParse({ title: 't'.repeat(MAX_TITLE_LENGTH) }).success).toBe(true);
  });

  it('measures the length after trimming', () => {
    expect(CreateRoomBody.safeParse({ title: ` ${'t'.repeat(MAX_TITLE_LENGTH)} ` }).success).toBe(true);
  });

  it.each([
    ['an empty title', { title: '' }],
    ['a blank title', { title: '   ' }],
    ['a title over the limit', { title: 't'.repeat(MAX_TITLE_LENGTH + 1) }],
    ['a title that is not text', { title: 42 }],
    ['no title', {}],
    ['unknown fields', { title: 'ok', dotsPerPerson: 5 }],
    ['a non-object body', 'Mobility'],
  ])('rejects %s', (_label, body) => {
    expect(CreateRoomBody.safeParse(body).success).toBe(false);
  });

  it('answers with the new room id', () => {
    const perRole = { facilitator: 'f', participant: 'p', observer: 'o' };
    const body = { roomId: 'abc', tokens: perRole, links: { ...perRole, join: 'j' }, joinCode: 'K7P2QX9M4T' };
    expect(CreateRoomResponse.parse(body)).toEqual(body);
    expect(CreateRoomResponse.safeParse({ roomId: 'abc' }).success).toBe(false);
    expect(CreateRoomResponse.safeParse({}).success).toBe(false);
  });
});

describe('room info', () => {
  const info = {
    roomId: 'r'.repeat(22),
    title: 'Mobility 2040',
    createdAt: 1_700_000_000_000,
    notes: 12,
    scenarios: 3,
    voters: 8,
    connections: 5,
  };

  it('carries the board title and its counts', () => {
    expect(RoomInfo.parse(info)).toEqual(info);
  });

  it('rejects a response missing a count', () => {
    const { voters: _voters, ...partial } = info;
    expect(RoomInfo.safeParse(partial).success).toBe(false);
  });
});

describe('errors and close codes', () => {
  it('errors carry a machine code and a message', () => {
    const body = { error: { code: 'room-not-found', message: 'No such room' } };
    expect(ApiError.parse(body)).toEqual(body);
    expect(ApiError.safeParse({ error: 'room-not-found' }).success).toBe(false);
  });

  it('uses private-range close codes for an unknown room and a refused login', () => {
    expect(CLOSE_ROOM_NOT_FOUND).toBe(4404);
    expect(CLOSE_UNAUTHORIZED).toBe(4401);
  });
});
