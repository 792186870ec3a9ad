/**
 * After the workshop, in a real browser: the facilitator finds the downloads
 * in Board settings, saves the Markdown report and a PNG drawn on a canvas, opens the
 * printable report (cover, sector chart, priorities, notes, action plan,
 * hostile notes shown as text and never run) and prints it to an A4 PDF;
 * then starts a new workshop by importing the board file on the home page.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoardExport } from '../../shared/export/boardJson';
import { imageLayout } from '../../client/lib/boardImage';
import { useBrowserAndServer, waitForNoteText, waitForSynced } from '../helpers/browser';
import { buildWorkshop, SCENARIO_NAME } from '../helpers/exportWorkshop';
import { createRoom, type RoomAccess } from '../helpers/server';

const env = useBrowserAndServer();

const IMG_NOTE = '<img src=x onerror=alert(1)> 🌊 fiume, "pulito"; sempre';

async function exportedBoard(room: RoomAccess): Promise<BoardExport> {
  const res = await fetch(`${env.server.url}/api/rooms/${room.roomId}/export?format=json`, { headers: { authorization: `Bearer ${room.tokens.facilitator}` } });
  return BoardExport.parse(await res.json());
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the report and downloads after a workshop', () => {
  let room: RoomAccess;

  it('downloads a PNG of the board and opens, checks and prints the report to A4', async () => {
    room = await createRoom(env.server, 'Contratto di fiume Olona');
    const fac = await buildWorkshop(env.server, room);
    fac.destroy();
    const file = await exportedBoard(room);

    const context = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const violations: string[] = [];
    context.on('page', (p) => {
      p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
      p.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
    });
    const board = await context.newPage();
    await board.goto(room.links.facilitator);
    await waitForSynced(board);
    await board.getByRole('button', { name: 'Board settings' }).click();
    const settings = board.getByRole('dialog', { name: 'Board settings' });
    for (const name of ['Report (Markdown)', 'Notes (CSV)', 'Board file (JSON)', 'Board image (PNG)']) await settings.getByRole('button', { name }).waitFor();

    const [download] = await Promise.all([board.waitForEvent('download'), settings.getByRole('button', { name: 'Board image (PNG)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tavolo-contratto-di-fiume-olona-\d{4}-\d\d-\d\d\.png$/);
    const png = fs.readFileSync((await download.path())!);
    const expected = imageLayout(file.board);
    expect(pngSize(png)).toEqual({ width: expected.width, height: expected.height });
    expect(png.byteLength).toBeGreaterThan(2000);

    const [md] = await Promise.all([board.waitForEvent('download'), settings.getByRole('button', { name: 'Report (Markdown)' }).click()]);
    expect(md.suggestedFilename()).toMatch(/\.md$/);
    expect(fs.readFileSync((await md.path())!, 'utf8')).toMatch(/^# Contratto di fiume Olona\n[\s\S]*## Action plan/);

    const [report] = await Promise.all([context.waitForEvent('page'), settings.getByRole('link', { name: 'Open printable report' }).click()]);
    await report.locator('[data-report-cover]').waitFor();
    // The token came in the fragment and is gone from the address bar.
    expect(new URL(report.url()).hash).toBe('');
    const cover = report.locator('[data-report-cover]');
    await expect(cover.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Contratto di fiume Olona');
    await expect(cover.textContent()).resolves.toMatch(/3 people contributed.*4 notes.*1 scenario.*1 action card/);
    const chart = report.locator('[data-sector-chart]');
    await expect(chart.getAttribute('aria-label')).resolves.toBe('Bar chart of participants by sector: Public 1, Private 1, Civil society 1, Other 0');
    await expect(chart.locator('[data-sector="civil"]').textContent()).resolves.toBe('Civil society1');
    const priorities = report.locator('[data-report-priorities]');
    await expect(priorities.textContent()).resolves.toContain('Round 1: 3 voters, 6 dots.');
    await expect(priorities.locator('tbody tr').first().textContent()).resolves.toMatch(new RegExp(`^1${SCENARIO_NAME.replace(/[[\]()]/g, '\\$&')}3hidden`));
    const actions = report.locator('[data-report-actions]');
    await expect(actions.getByRole('heading', { name: 'Parco <fluviale>' }).count()).resolves.toBe(1);
    await expect(actions.textContent()).resolves.toMatch(/LeadComune \(Public\)PartnersLegambiente \(Civil society\)[\s\S]*Private: not yetCivil society: Persona 0 — volontari 🌿/);
    // Markup in notes is text: no element made from it, no request for its image, no alert.
    const notes = report.locator('[data-report-scenarios]');
    await notes.getByText(IMG_NOTE).waitFor();
    await notes.getByText('<script>alert(1)</script>', { exact: false }).waitFor();
    expect(await report.locator('.report img, .report script').count()).toBe(0);
    expect(requests.some((u) => new URL(u).pathname === '/x')).toBe(false);
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);

    await report.emulateMedia({ media: 'print' });
    expect(await report.locator('.report-toolbar').isVisible()).toBe(false);
    const pdf = await report.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(5);
  });

  it('starts a new workshop from the board file imported on the home page; the report stays closed to a participant link', async () => {
    const file = await exportedBoard(room);
    const context = await env.desktop({ identity: { name: 'Giulia Rossi', sector: 'public' } });
    const participant = await context.newPage();
    await participant.goto(`${env.server.url}/r/${room.roomId}/report#t=${room.tokens.participant}`);
    await participant.getByRole('alert').getByText("This report is for the facilitator: open it from the facilitator's board.").waitFor();
    expect(await participant.locator('[data-report-cover]').count()).toBe(0);
    const home = await context.newPage();
    await home.goto(env.server.url);
    await home.getByLabel('Import a board file').setInputFiles({ name: 'board.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await home.waitForURL((url) => /^\/r\/[^/]+$/.test(url.pathname) && !url.pathname.includes(room.roomId));
    await waitForSynced(home);
    await waitForNoteText(home, IMG_NOTE);
    await home.getByRole('heading', { name: SCENARIO_NAME }).or(home.getByText(SCENARIO_NAME)).first().waitFor();
  });
});
