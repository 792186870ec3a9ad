/**
 * The built client under the server's Content-Security-Policy: the home
 * page, a board that syncs between two people, the links dialog and the
 * projector with its QR code, with no CSP violation reported anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addNote, useBrowserAndServer, waitForNoteText, waitForSynced } from '../helpers/browser';

const env = useBrowserAndServer();

/** Every CSP violation a page reports, from the console and from the DOM event. */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  const watch = (page: Page): void => {
    page.on('console', (msg) => {
      const text = msg.text();
      if (/Content Security Policy|CSP violation|Refused to/i.test(text)) violations.push(text);
    });
  };
  context.on('page', watch);
  return violations;
}

describe('the client under the Content-Security-Policy', () => {
  it('loads, creates a workshop, syncs between two people and shows QR codes with no CSP violation', async () => {
    const facCtx = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
    const partCtx = await env.desktop({ identity: { name: 'Marco Bianchi', sector: 'civil' } });
    const violations = [...(await watchViolations(facCtx))];
    const partViolations = await watchViolations(partCtx);

    const fac = await facCtx.newPage();
    const res = await fac.goto(env.server.url);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await fac.getByLabel('Workshop title').fill('Piano della mobilità');
    await fac.getByRole('button', { name: 'New workshop' }).click();
    await fac.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });
    await waitForSynced(fac);

    // The facilitator's links: QR codes, and the participant link to open elsewhere.
    await fac.getByRole('button', { name: /Links/ }).first().click();
    const dialog = fac.getByRole('dialog');
    await dialog.locator('[data-qr] svg').first().waitFor();
    const participantLink = await dialog.locator('[data-qr]').first().getAttribute('data-qr');
    const projectorHref = await dialog.getByRole('link', { name: 'Open projector view' }).getAttribute('href');
    expect(participantLink).toMatch(/#/);

    const part = await partCtx.newPage();
    await part.goto(participantLink!);
    await waitForSynced(part);
    await fac.keyboard.press('Escape');
    await addNote(fac, 'Zone 30 near schools');
    await part.getByRole('button', { name: 'Fit to content' }).click();
    await waitForNoteText(part, 'Zone 30 near schools');

    const projector = await facCtx.newPage();
    await projector.goto(new URL(projectorHref!, env.server.url).toString());
    await waitForSynced(projector);
    await projector.locator('[data-qr] svg').waitFor();

    expect([...violations, ...partViolations]).toEqual([]);
  });
});
