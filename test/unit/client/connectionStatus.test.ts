import { describe, expect, it } from 'vitest';
import { connectionStatusOf, presenceIsLive } from '../../../client/lib/connectionStatus';

describe('the connection status', () => {
  it('says offline as soon as the browser does, even while the socket still looks open', () => {
    expect(connectionStatusOf('connected', false)).toBe('offline');
  });

  it('follows the socket back once the browser is online again', () => {
    // The bug: a stale browser `offline` flag kept the header on Offline after the socket came back.
    expect(connectionStatusOf('connected', true)).toBe('connected');
    expect(connectionStatusOf('connecting', true)).toBe('connecting');
    expect(connectionStatusOf('disconnected', true)).toBe('offline');
  });

  it('counts people online only while connected', () => {
    expect(presenceIsLive('connected')).toBe(true);
    expect(presenceIsLive('offline')).toBe(false);
    expect(presenceIsLive('connecting')).toBe(false);
  });
});
