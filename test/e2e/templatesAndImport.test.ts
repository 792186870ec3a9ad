/**
 * A facilitator starts a river contract from its template in Italian,
 * brings in the ideas gathered beforehand through the import dialog (with
 * its preview), sees them on the board, and finds the workshop again on the
 * home page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowserAndServer, waitForSynced, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();

describe('templates and bulk import in the browser', () => {
  it('starts a river contract in Italian, imports pasted ideas with a preview, and lists the workshop at home', async () => {
    const context = await env.desktop({ locale: 'it-IT', identity: { name: 'Giulia', sector: 'public' } });
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByRole('radio', { name: /Contratto di fiume/ }).check();
    // Each template says what it is for.
    await page.getByText(/tutto il suo bacino/).waitFor();
    await page.getByLabel('Nome del territorio, del fiume o della rete').fill('Olona');
    await page.getByRole('button', { name: 'Nuovo tavolo' }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });
    await waitForSynced(page);
    await page.getByRole('heading', { name: 'Contratto di fiume Olona' }).waitFor();
    await page.locator('[data-scenario-frame][aria-label="Fruizione del fiume"]').waitFor();

    await page.getByRole('button', { name: 'Importa idee…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importa idee' });
    const paste = dialog.getByLabel('Incolla le idee, una per riga');
    // A line longer than a note may be is marked in the preview, and nothing can be imported yet.
    await paste.fill(`Una pista ciclabile lungo l'argine\n${'x'.repeat(2001)}`);
    await dialog.locator('.import-row-bad[data-import-line="2"]').waitFor();
    expect(await dialog.getByRole('button', { name: /^Importa \d+ not[ae]$/ }).isDisabled()).toBe(true);

    const ideas = ["Una pista ciclabile lungo l'argine", '', 'Casse di espansione a monte', 'Più controlli sugli scarichi'];
    await paste.fill(ideas.join('\n'));
    await waitUntil(async () => (await dialog.locator('[data-import-line]').count()) === 3, 'three lines in the preview');
    expect(await dialog.locator('.import-row-bad').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Importa 3 note' }).click();
    await dialog.getByText('3 note importate.').waitFor();

    // A spreadsheet's "CSV (;)" in Windows-1252, into a starter scenario named in another case.
    const csv = Buffer.from('testo;settore;scenario\nPerch\xe9 non un argine verde?;Societ\xe0 civile;SICUREZZA IDRAULICA\n', 'latin1');
    await dialog.getByLabel('Oppure scegli un file CSV').setInputFiles({ name: 'idee.csv', mimeType: 'text/csv', buffer: csv });
    await dialog.locator('[data-import-line="2"]').filter({ hasText: 'Perché non un argine verde?' }).waitFor();
    await dialog.getByRole('button', { name: 'Importa 1 nota' }).click();
    await dialog.getByText('1 nota importata.').waitFor();
    await dialog.getByRole('button', { name: 'Chiudi' }).click();

    // The imported grid lies beside the starter frames: fit the board to see it all.
    await page.getByRole('button', { name: 'Adatta al contenuto' }).click();
    await waitUntil(async () => (await page.locator('[data-scenario-frame]').count()) === 5, 'the five starter scenarios');
    await page.locator('[data-scenario-frame][aria-label="Sicurezza idraulica"]').waitFor();
    for (const idea of ideas.filter(Boolean)) await page.locator('[data-note-id]').filter({ hasText: idea }).waitFor();
    const boxes = await page.locator('[data-note-id]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);

    const inFrame = page.locator('[data-scenario-frame][aria-label="Sicurezza idraulica"]');
    await waitUntil(async () => (await inFrame.getAttribute('data-note-count')) === '1', 'the CSV idea in its scenario');

    // Save the board as a template, and start the next meeting from the file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Salva come modello' }).click()]);
    const saved = await download.path();
    expect(JSON.stringify(JSON.parse(readFileSync(saved, 'utf8')))).not.toContain('argine verde');

    await page.goto(env.server.url);
    await page.getByLabel('Scegli un file di modello salvato').setInputFiles(saved);
    await page.getByRole('radio', { name: /Modello: Contratto di fiume Olona/ }).waitFor();
    await page.getByLabel('Titolo del tavolo').fill('Contratto di fiume Olona – incontro 2');
    await page.getByRole('button', { name: 'Nuovo tavolo' }).click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });
    await waitForSynced(page);
    await page.getByRole('heading', { name: 'Contratto di fiume Olona – incontro 2' }).waitFor();
    await page.locator('[data-scenario-frame][aria-label="Fruizione del fiume"]').waitFor();
    expect(await page.locator('[data-note-id]').count()).toBe(0);

    await page.goto(env.server.url);
    await waitUntil(async () => (await page.locator('[data-workshop]').count()) === 2, 'both workshops listed');
    const item = page.locator('[data-workshop]').filter({ has: page.getByRole('link', { name: 'Contratto di fiume Olona', exact: true }) });
    await item.getByText(/Facilitatore · Ascolto/).waitFor();
    await item.getByRole('link', { name: 'Contratto di fiume Olona', exact: true }).click();
    await waitForSynced(page);
    await page.getByRole('heading', { name: 'Contratto di fiume Olona' }).waitFor();
    await page.locator('[data-scenario-frame][aria-label="Fruizione del fiume"]').waitFor();

    // Removing it from the list leaves the workshop alone.
    await page.goto(env.server.url);
    await page.getByRole('button', { name: 'Togli “Contratto di fiume Olona” da questo elenco' }).click();
    await waitUntil(async () => (await page.locator('[data-workshop]').count()) === 1, 'the workshop left the list');
  });
});
