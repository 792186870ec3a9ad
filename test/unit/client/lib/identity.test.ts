import { describe, expect, it } from 'vitest';
import { identityOf, profileComplete, type Profile } from '../../../../client/lib/identity';

const profile = (p: Partial<Profile> = {}): Profile => ({ name: 'Giulia', sector: null, where: 'room', facilitatorVotes: false, ...p });

describe('who may join with which profile', () => {
  it('asks a participant for a sector before they join', () => {
    expect(profileComplete(null, 'participant')).toBe(false);
    expect(profileComplete(profile(), 'participant')).toBe(false);
    expect(profileComplete(profile({ sector: 'civil' }), 'participant')).toBe(true);
  });

  it('lets a facilitator join without a sector, unless they vote too', () => {
    expect(profileComplete(profile(), 'facilitator')).toBe(true);
    expect(profileComplete(profile({ facilitatorVotes: true }), 'facilitator')).toBe(false);
    expect(profileComplete(profile({ facilitatorVotes: true, sector: 'public' }), 'facilitator')).toBe(true);
  });

  it('needs nothing from an observer', () => {
    expect(profileComplete(null, 'observer')).toBe(true);
  });
});

describe('the identity a board uses', () => {
  it('keeps a facilitator neutral, with no dots, even when the device remembers a sector', () => {
    const id = identityOf('p1', 'facilitator', profile({ sector: 'public' }));
    expect(id).toMatchObject({ votes: false, neutral: true, sector: 'other' });
  });

  it('gives a facilitator who votes their sector and dots', () => {
    expect(identityOf('p1', 'facilitator', profile({ sector: 'public', facilitatorVotes: true }))).toMatchObject({ votes: true, neutral: false, sector: 'public' });
  });

  it('gives every participant dots in their own sector', () => {
    expect(identityOf('p2', 'participant', profile({ sector: 'civil', where: 'remote' }))).toEqual({
      id: 'p2',
      name: 'Giulia',
      sector: 'civil',
      where: 'remote',
      votes: true,
      neutral: false,
    });
  });
});
