/**
 * Issue 12's whole path in one workshop, in Italian, through the real UI
 * against the real server: a facilitator starts a river contract from its
 * template, imports the ideas gathered beforehand, accepts a suggested
 * scenario, runs the meeting with a participant on a phone voting in
 * secret, restores a version after a mistake, and opens the printable
 * report with what the meeting produced, printed to an A4 PDF. Each step
 * checks what the screens show, so the test fails where the path breaks.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserAndServer, waitForSynced, waitUntil } from '../helpers/browser';

const env = useBrowserAndServer();
const PATH_TIMEOUT_MS = 150_000;

const FISH = [
  "Più controlli sulla qualità dell'acqua del fiume",
  "Analisi della qualità dell'acqua ogni mese",
  "Pubblicare i dati sulla qualità dell'acqua",
];
const BIKES = ["Una pista ciclabile lungo l'argine", "Collegare la pista ciclabile dell'argine ai paesi", "Pista ciclabile e pedonale sull'argine"];
const IDEAS = [...FISH, ...BIKES, 'Il parcheggio del municipio è sempre pieno'];

const PHASES = ['listening', 'discussion', 'scenarios', 'priorities', 'codesign'] as const;

/** "Fase successiva" until the board is in `phase`. */
async function advanceTo(page: Page, phase: (typeof PHASES)[number]): Promise<void> {
  for (;;) {
    const now = await page.locator('[data-phase-step][aria-current="step"]').first().getAttribute('data-phase-step');
    if (now === phase) return;
    await page.getByRole('button', { name: /^Fase successiva/ }).click();
    await page.locator(`[data-phase-step="${PHASES[PHASES.indexOf(now as (typeof PHASES)[number]) + 1]}"][aria-current="step"]`).first().waitFor();
  }
}

/** The id of the note whose text is `text`, as the board shows it. */
async function noteIdByText(page: Page, text: string): Promise<string> {
  // A card's textarea, or a chip's paragraph when the board is zoomed out.
  const id = await page.evaluate(
    (t) =>
      [...document.querySelectorAll<HTMLElement>('.note[data-note-id]')].find(
        (el) => (el.querySelector('textarea')?.value ?? el.querySelector('[data-note-text]')?.textContent) === t,
      )?.dataset.noteId,
    text,
  );
  if (!id) throw new Error(`no note reads "${text}"`);
  return id;
}

describe('a river contract from template to printed report, in Italian', () => {
  it('template, import, suggested scenario, secret dots on a phone, a version restored, the report printed', async () => {
    // 1. The template, in Italian.
    const fac = await (await env.desktop({ locale: 'it-IT', identity: { name: 'Giulia Rossi', sector: 'public' } })).newPage();
    await fac.goto(env.server.url);
    await fac.getByRole('radio', { name: /Contratto di fiume/ }).check();
    await fac.getByLabel('Nome del territorio, del fiume o della rete').fill('Olona');
    await fac.getByRole('button', { name: 'Nuovo tavolo' }).click();
    await fac.waitForURL(/\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 10_000 });
    await waitForSynced(fac);
    await fac.getByRole('heading', { name: 'Contratto di fiume Olona' }).waitFor();
    await fac.getByRole('button', { name: 'Adatta al contenuto' }).click();
    await waitUntil(async () => (await fac.locator('[data-scenario-frame]').count()) === 5, 'the five starter scenarios');

    // 2. The ideas gathered beforehand, pasted one per line, with a preview.
    await fac.getByRole('button', { name: 'Importa idee…' }).click();
    const importDialog = fac.getByRole('dialog', { name: 'Importa idee' });
    await importDialog.getByLabel('Incolla le idee, una per riga').fill(IDEAS.join('\n'));
    await waitUntil(async () => (await importDialog.locator('[data-import-line]').count()) === IDEAS.length, 'every idea in the preview');
    await importDialog.getByRole('button', { name: `Importa ${IDEAS.length} note` }).click();
    await importDialog.getByText(`${IDEAS.length} note importate.`).waitFor();
    await importDialog.getByRole('button', { name: 'Chiudi' }).click();
    await fac.getByRole('button', { name: 'Adatta al contenuto' }).click();
    await waitUntil(async () => (await fac.locator('[data-note-id]').count()) === IDEAS.length, 'the imported notes on the board');

    // A participant joins from a phone with the participant link.
    await fac.getByRole('button', { name: 'Link', exact: true }).click();
    const links = fac.getByRole('dialog', { name: 'Link del tavolo' });
    const participantLink = await links.getByRole('textbox', { name: 'Link per chi partecipa', exact: true }).inputValue();
    await fac.keyboard.press('Escape');
    const phone = await (await env.phone({ locale: 'it-IT', identity: { name: 'Marco Bianchi', sector: 'civil', where: 'remote' } })).newPage();
    await phone.goto(participantLink);
    await waitForSynced(phone);

    // 3. Suggested scenarios: the water-quality ideas become one scenario.
    await advanceTo(fac, 'scenarios');
    await fac.getByRole('button', { name: 'Adatta al contenuto' }).click();
    const fishIds = await Promise.all(FISH.map((text) => noteIdByText(fac, text)));
    await fac.getByRole('button', { name: 'Suggerisci scenari' }).click();
    const group = fac.locator(`[data-suggest-group]:has([data-suggest-note="${fishIds[0]}"])`);
    await group.waitFor();
    for (const id of fishIds) expect(await group.locator(`[data-suggest-note="${id}"]`).count()).toBe(1);
    await group.getByRole('textbox', { name: 'Nome dello scenario' }).fill("Qualità dell'acqua");
    await group.getByRole('button', { name: 'Accetta' }).click();
    const water = fac.locator('[data-scenario-frame][aria-label="Qualità dell\'acqua"]');
    await water.waitFor();
    await waitUntil(async () => (await water.getAttribute('data-note-count')) === '3', 'three notes in the accepted scenario');
    const waterId = (await water.getAttribute('data-scenario-frame'))!;
    await fac.keyboard.press('Escape');

    // 4. The meeting: Priorities with secret dots from the phone, then the reveal.
    await advanceTo(fac, 'priorities');
    const addDot = phone.getByRole('button', { name: /^Aggiungi punto a “Qualità dell'acqua”$/ }).first();
    await addDot.waitFor();
    for (let i = 1; i <= 2; i++) {
      await addDot.focus();
      await addDot.click();
      await phone.locator(`[data-my-dots="${i}"]`).first().waitFor();
    }
    await fac.getByRole('button', { name: 'Rivela i risultati' }).click();
    const anyway = fac.getByRole('button', { name: 'Rivela comunque' });
    if (await anyway.isVisible().catch(() => false)) await anyway.click();
    await fac.getByText('Turno 1 · risultati rivelati').waitFor();
    await fac.locator(`.results-view [data-item-id="${waterId}"][data-rank="1"][data-dots="2"]`).first().waitFor();

    // 5. A saved version, a mistake, and the version restored for everyone.
    await fac.getByRole('button', { name: 'Versioni' }).click();
    await fac.getByRole('textbox', { name: 'Nome della versione' }).fill('Dopo le priorità');
    await fac.getByRole('button', { name: 'Salva una versione' }).click();
    await fac.getByText('Dopo le priorità').waitFor();
    await fac.getByRole('button', { name: 'Chiudi', exact: true }).click();
    await fac.locator('dialog[open]').waitFor({ state: 'detached' });
    await water.getByRole('button', { name: 'Opzioni dello scenario' }).click();
    // Opened near the floating toolbar, the menu slides up clear of it.
    await fac.getByRole('button', { name: 'Elimina lo scenario' }).click({ timeout: 10_000 });
    await fac.getByRole('button', { name: 'Elimina', exact: true }).click();
    await water.waitFor({ state: 'detached' });
    await phone.locator(`[data-scenario-frame="${waterId}"]`).waitFor({ state: 'detached' });
    await fac.getByRole('button', { name: 'Versioni' }).click();
    await fac.getByRole('button', { name: 'Anteprima: Dopo le priorità' }).click();
    await fac.getByRole('button', { name: 'Ripristina questa versione' }).click();
    await water.waitFor();
    await waitUntil(async () => (await water.getAttribute('data-note-count')) === '3', 'the restored scenario holds its notes again');
    await phone.locator(`[data-scenario-frame="${waterId}"]`).getByText("Qualità dell'acqua").waitFor();

    // 6. The printable report, in Italian, and its A4 PDF.
    await fac.locator('dialog[open]').waitFor({ state: 'detached' }).catch(async () => fac.keyboard.press('Escape'));
    await fac.getByRole('button', { name: 'Impostazioni del tavolo' }).click();
    const [report] = await Promise.all([fac.context().waitForEvent('page'), fac.getByRole('link', { name: 'Apri il resoconto da stampare' }).click()]);
    const cover = report.locator('[data-report-cover]');
    await cover.waitFor();
    expect(await cover.getByRole('heading', { level: 1 }).textContent()).toBe('Contratto di fiume Olona');
    const priorities = report.locator('[data-report-priorities]');
    await expect(priorities.locator('tbody tr').first().textContent()).resolves.toContain("Qualità dell'acqua");
    const scenarios = report.locator('[data-report-scenarios]');
    for (const text of FISH) await scenarios.getByText(text).waitFor();
    await report.emulateMedia({ media: 'print' });
    const pdf = await report.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, PATH_TIMEOUT_MS);
});
