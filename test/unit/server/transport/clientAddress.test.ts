import type { IncomingMessage } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { clientAddress, type TrustFn } from '../../../../server/transport/clientAddress';

/** express's own compiled trust function for a `trust proxy` setting. */
const trustOf = (setting: unknown): TrustFn => {
  const app = express();
  app.set('trust proxy', setting);
  return app.get('trust proxy fn') as TrustFn;
};

const req = (remote: string, xff?: string): IncomingMessage =>
  ({ socket: { remoteAddress: remote }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('the client address of an upgrade', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(req('203.0.113.1', '10.9.9.9'), trustOf(false))).toBe('203.0.113.1');
  });

  it('is the last forwarded hop behind one trusted proxy, so a spoofed first entry does not count', () => {
    const trust = trustOf(1);
    expect(clientAddress(req('10.0.0.1', '198.51.100.7'), trust)).toBe('198.51.100.7');
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 198.51.100.7'), trust)).toBe('198.51.100.7');
    expect(clientAddress(req('10.0.0.1'), trust)).toBe('10.0.0.1');
  });

  it('walks back through a list of trusted proxy addresses and subnets', () => {
    const trust = trustOf(['10.0.0.1', '10.1.0.0/16']);
    expect(clientAddress(req('10.0.0.1', '198.51.100.7, 10.1.2.3'), trust)).toBe('198.51.100.7');
    // A socket that is not a trusted proxy is the client itself.
    expect(clientAddress(req('192.0.2.5', '198.51.100.7'), trust)).toBe('192.0.2.5');
  });

  it('matches what express computes as req.ip for the same request', () => {
    for (const [setting, remote, xff] of [
      [1, '10.0.0.1', '1.1.1.1, 2.2.2.2'],
      [2, '10.0.0.1', '1.1.1.1, 2.2.2.2'],
      [['10.0.0.1'], '10.0.0.1', '1.1.1.1, 2.2.2.2'],
      ['loopback', '127.0.0.1', '3.3.3.3'],
    ] as const) {
      const app = express();
      app.set('trust proxy', setting);
      const fake = Object.assign(Object.create(app.request) as object, { app, ...req(remote, xff) }) as unknown as express.Request;
      expect(clientAddress(req(remote, xff), trustOf(setting))).toBe(fake.ip);
    }
  });
});
