/**
 * Retakes the README's screenshots (docs/screenshots/) from a real session:
 * a facilitator and two participants from different sectors, a phone in the
 * room in Italian, the projector with its QR code, and the printable report. Not a test; run it
 * after `npx vite build` with `npx tsx test/e2e/screenshots.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { reportBoardFile } from '../helpers/reportBoard';
import { addNote, desktopContext, launchBrowser, openLink, phoneContext, waitForNoteText } from '../helpers/browser';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** Writes a note in the phone's simple view. */
async function writeOnPhone(phone: Page, label: string, button: string, text: string): Promise<void> {
  await phone.getByLabel(label).fill(text);
  await phone.getByRole('button', { name: button }).click();
  await phone.getByText(text).waitFor();
}

/** A new workshop started from a board file, as "Import a board file" does. */
async function importBoard(server: RunningServer, from: unknown): Promise<RoomAccess> {
  const res = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Contratto di fiume Olona', from }) });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RoomAccess;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const room = await createRoom(server, 'Contratto di fiume Olona');
  const f = await desktopContext(browser, { identity: { name: 'Giulia Rossi', sector: 'public' } });
  const p = await desktopContext(browser, { identity: { name: 'Marco Bianchi', sector: 'civil', where: 'remote' }, viewMode: 'board' });
  const ph = await phoneContext(browser, { locale: 'it-IT', identity: { name: 'Chiara Neri', sector: 'private', where: 'room' } });
  const projectorContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });

  const facilitator = await openLink(f, room.links.facilitator);
  const [participant, phone, projector] = await Promise.all([
    openLink(p, room.links.participant),
    openLink(ph, room.links.participant),
    openLink(projectorContext, `${room.links.observer}&join=${room.tokens.participant}`),
  ]);

  await facilitator.getByLabel('Prompt').fill('Come vorremmo l’Olona nel 2030?');
  await facilitator.getByLabel('Prompt').press('Enter');
  // Started early, so the screens show it counting.
  await facilitator.getByLabel('Minutes').fill('8');
  await facilitator.getByRole('button', { name: 'Start' }).click();
  for (const text of ['Pista ciclabile lungo il fiume', 'Mappa del rischio alluvioni per ogni comune']) await addNote(facilitator, text);
  // Participants write privately while Listening; the facilitator reveals.
  for (const text of ['Rinaturalizzare le zone umide a Legnano', 'Giornate di pulizia con le scuole']) await addNote(participant, text);
  await writeOnPhone(phone, 'Scrivi una nota', 'Aggiungi nota', 'Punti di accesso per le canoe');
  await facilitator.getByRole('button', { name: 'Reveal notes' }).click();
  await waitForNoteText(facilitator, 'Giornate di pulizia con le scuole');
  await waitForNoteText(facilitator, 'Punti di accesso per le canoe');
  await writeOnPhone(phone, 'Scrivi una nota', 'Aggiungi nota', 'Un parco fluviale a Castellanza');

  await facilitator.getByRole('button', { name: 'Ask: ready?' }).click();
  await participant.getByRole('button', { name: "I'm done" }).click();
  await facilitator.locator('[data-ready-count="1"]').waitFor();
  await facilitator.getByRole('button', { name: 'Fit to content' }).click();
  await facilitator.mouse.move(0, 0);
  await facilitator.locator('textarea:focus').evaluateAll((els) => els.forEach((e) => (e as HTMLElement).blur()));

  await projector.locator('[data-qr] svg').waitFor();
  await projector.locator('[data-timer-state="running"]').waitFor();
  await waitForNoteText(projector, 'Punti di accesso per le canoe');
  await phone.locator('[data-timer-state="running"]').waitFor();
  await projector.waitForFunction(() => document.querySelector('[role="timer"]')?.textContent !== '8:00', undefined, { timeout: 5000 });

  await facilitator.screenshot({ path: path.join(out, 'facilitator.png') });
  await phone.screenshot({ path: path.join(out, 'phone.png') });
  await projector.screenshot({ path: path.join(out, 'projector.png') });

  // The printable report of a finished workshop, imported as a board file.
  const finished = await importBoard(server, reportBoardFile());
  const reader = await f.newPage();
  await reader.setViewportSize({ width: 1000, height: 1400 });
  await reader.goto(`${server.url}/r/${finished.roomId}/report#t=${finished.tokens.facilitator}`);
  await reader.locator('[data-report-priorities] tbody tr').first().waitFor();
  await reader.screenshot({ path: path.join(out, 'report.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
