import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { overlaps } from '../../../shared/layout';
import { PHASES } from '../../../shared/phases';
import { listScenarios } from '../../../shared/scenarios';
import { readSession } from '../../../shared/schema';
import { initSession } from '../../../shared/session';
import { readVoteSettings } from '../../../shared/voting';
import { createNote } from '../../../shared/notes';
import {
  BUILT_IN_TEMPLATES,
  TemplateSchema,
  applyTemplate,
  builtInTemplate,
  inLanguage,
  readExpectedSectors,
  templateFromBoard,
  templateTitle,
} from '../../../shared/templates';

const fresh = (): Y.Doc => {
  const doc = new Y.Doc();
  initSession(doc, { title: 'x', now: 1 });
  return doc;
};

describe('workshop templates', () => {
  it('offers the five kinds of network', () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.id)).toEqual(['territorial-development', 'territorial-marketing', 'csr-lab', 'family-alliance', 'river-contract']);
  });

  for (const template of BUILT_IN_TEMPLATES) {
    for (const lang of ['it', 'en'] as const) {
      it(`${template.id} sets prompts, scenarios and settings in ${lang}`, () => {
        const doc = fresh();
        applyTemplate(doc, template, lang, { title: 'Valle Olona', now: 1000 });
        const session = readSession(doc);
        for (const p of PHASES) expect(session.prompts[p]).toBe(inLanguage(template.prompts[p]!, lang));
        expect(session.title).toContain('Valle Olona');
        expect(session.dotsPerPerson).toBe(template.dotsPerPerson);
        expect(readVoteSettings(doc)).toEqual(template.voteSettings);
        expect(readExpectedSectors(doc)).toEqual(template.sectors);
        const frames = listScenarios(doc);
        expect(frames.map((f) => f.name)).toEqual(template.scenarios.map((s) => inLanguage(s.name, lang)));
        expect(frames.map((f) => f.color)).toEqual(template.scenarios.map((s) => s.color));
        for (const a of frames) for (const b of frames) if (a !== b) expect(overlaps(a, b)).toBe(false);
      });
    }
  }

  it('writes the river contract in Italian and in English', () => {
    const river = builtInTemplate('river-contract')!;
    const it_ = fresh();
    applyTemplate(it_, river, 'it', { title: 'Olona' });
    expect(readSession(it_).title).toBe('Contratto di fiume Olona');
    expect(listScenarios(it_).map((s) => s.name)).toEqual(expect.arrayContaining(['Fruizione del fiume', 'Sicurezza idraulica', 'Uso dei materiali fluviali']));
    const en = fresh();
    applyTemplate(en, river, 'en', { title: 'Olona' });
    expect(readSession(en).title).toBe('River contract Olona');
    expect(listScenarios(en).map((s) => s.name)).toContain('Flood safety');
  });

  it('keeps a title that already names the kind of network', () => {
    const river = builtInTemplate('river-contract')!;
    expect(templateTitle(river, 'it', 'Contratto di fiume Seveso')).toBe('Contratto di fiume Seveso');
    expect(templateTitle(river, 'it', '')).toBe('Contratto di fiume');
  });

  it('saves a board as a template that starts the same board, without notes', () => {
    const doc = fresh();
    applyTemplate(doc, builtInTemplate('family-alliance')!, 'it', { title: 'Bergamo' });
    createNote(doc, { x: 0, y: 0, text: 'segreto', author: { id: 'participant-1', name: 'Ada', sector: 'civil' } });
    const saved = templateFromBoard(doc, { title: 'Laboratorio', scenario: 'Scenario' });
    const file = JSON.parse(JSON.stringify(saved)) as unknown;
    expect(JSON.stringify(file)).not.toContain('segreto');
    expect(JSON.stringify(file)).not.toContain('Ada');
    const again = fresh();
    applyTemplate(again, TemplateSchema.parse(file), 'en', { title: '' });
    const strip = (d: Y.Doc) => listScenarios(d).map(({ name, color, x, y, w, h }) => ({ name, color, x, y, w, h }));
    expect(strip(again)).toEqual(strip(doc));
    expect(readSession(again).prompts).toEqual(readSession(doc).prompts);
    expect(readSession(again).title).toBe(readSession(doc).title);
  });

  it('refuses a template file with unknown keys or values out of range', () => {
    const river = builtInTemplate('river-contract')!;
    expect(TemplateSchema.safeParse({ ...river, notes: [] }).success).toBe(false);
    expect(TemplateSchema.safeParse({ ...river, dotsPerPerson: 500 }).success).toBe(false);
    expect(TemplateSchema.safeParse({ ...river, scenarios: [{ name: 'x', color: 'red' }] }).success).toBe(false);
  });
});
