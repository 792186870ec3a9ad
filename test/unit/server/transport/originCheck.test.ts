import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../../../server/transport/originCheck';

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('which origins may drive the server', () => {
  const none = { allowed: [], publicUrl: null };

  it('allows requests without an Origin (non-browser clients)', () => {
    expect(originAllowed(req({ host: 'tavolo.example' }), none)).toBe(true);
  });

  it('allows the page the server itself served, by its Host', () => {
    expect(originAllowed(req({ host: 'tavolo.example:8080', origin: 'http://tavolo.example:8080' }), none)).toBe(true);
    expect(originAllowed(req({ host: 'tavolo.example:443', origin: 'https://tavolo.example' }), none)).toBe(true);
    expect(originAllowed(req({ host: 'tavolo.example', origin: 'http://evil.example' }), none)).toBe(false);
  });

  it('refuses Origin: null and garbage', () => {
    expect(originAllowed(req({ host: 'tavolo.example', origin: 'null' }), none)).toBe(false);
    expect(originAllowed(req({ host: 'tavolo.example', origin: 'not a url' }), none)).toBe(false);
  });

  it('uses PUBLIC_URL as its own origin behind a proxy, plus the configured allow-list', () => {
    const policy = { allowed: ['https://partner.example/'], publicUrl: 'https://tavolo.example/base' };
    expect(originAllowed(req({ host: 'internal:8080', origin: 'https://tavolo.example' }), policy)).toBe(true);
    expect(originAllowed(req({ host: 'internal:8080', origin: 'https://partner.example' }), policy)).toBe(true);
    expect(originAllowed(req({ host: 'internal:8080', origin: 'http://internal:8080' }), policy)).toBe(false);
  });
});
