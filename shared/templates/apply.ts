/**
 * Puts a template onto a fresh board in one language: the session settings
 * (title, prompts, dots, vote settings, expected sectors) and the starter
 * scenarios, laid out so no two frames overlap. Pure: the server runs it on
 * the new room's Y.Doc before storing its first update.
 */
import type * as Y from 'yjs';
import { ScenarioFields, SessionFields, checked, MAX_TITLE_LENGTH } from '../documentSchemas';
import { BLOCK_MARGIN, EMPTY_BOARD_ORIGIN, freeSpotNear, type Box } from '../layout';
import { PHASES, type Phase } from '../phases';
import { DEFAULT_SCENARIO_HEIGHT, DEFAULT_SCENARIO_WIDTH, createScenario } from '../scenarios';
import { sessionOf } from '../schema';
import { clampText } from '../text';
import { setExpectedSectors } from './expectedSectors';
import { TITLE_PLACEHOLDER, inLanguage, type Template, type TemplateLanguage } from './schema';

/** Starter frames per row: three fit a laptop screen at the default zoom. */
const COLUMNS = 3;

/**
 * The room's title: the pattern with the facilitator's words in place of
 * TITLE_PLACEHOLDER. Words that already name the kind of network (or a
 * pattern without a placeholder, as saved templates have) are used as typed.
 */
export function templateTitle(template: Template, lang: TemplateLanguage, typed: string): string {
  const words = typed.trim();
  const pattern = inLanguage(template.titlePattern, lang);
  const kind = inLanguage(template.title, lang);
  let title: string;
  if (!pattern.includes(TITLE_PLACEHOLDER)) title = words || pattern;
  else if (!words || words.toLocaleLowerCase().includes(kind.toLocaleLowerCase())) title = words || kind;
  else title = pattern.replace(TITLE_PLACEHOLDER, words).replace(/\s+/g, ' ').trim();
  return clampText(title, MAX_TITLE_LENGTH);
}

/** Where each starter frame goes: its saved place, or the next cell of a grid, moved to free space if taken. */
export function starterLayout(template: Template): Box[] {
  const placed: Box[] = [];
  const saved = template.scenarios.flatMap((s) => (s.x !== undefined && s.y !== undefined ? [boxOf(s.x, s.y, s.w, s.h)] : []));
  let cell = 0;
  return template.scenarios.map((s) => {
    if (s.x !== undefined && s.y !== undefined) {
      const box = boxOf(s.x, s.y, s.w, s.h);
      placed.push(box);
      return box;
    }
    const w = s.w ?? DEFAULT_SCENARIO_WIDTH;
    const h = s.h ?? DEFAULT_SCENARIO_HEIGHT;
    const stepX = DEFAULT_SCENARIO_WIDTH + BLOCK_MARGIN;
    const stepY = DEFAULT_SCENARIO_HEIGHT + BLOCK_MARGIN;
    const tx = EMPTY_BOARD_ORIGIN.x + (cell % COLUMNS) * stepX;
    const ty = EMPTY_BOARD_ORIGIN.y + Math.floor(cell / COLUMNS) * stepY;
    cell++;
    const spot = freeSpotNear([...saved, ...placed], w + BLOCK_MARGIN, h + BLOCK_MARGIN, tx, ty, { stepX, stepY, maxRing: 20 });
    const box = { x: spot.x, y: spot.y, w, h };
    placed.push(box);
    return box;
  });
}

const boxOf = (x: number, y: number, w?: number, h?: number): Box => ({ x, y, w: w ?? DEFAULT_SCENARIO_WIDTH, h: h ?? DEFAULT_SCENARIO_HEIGHT });

export interface ApplyOptions {
  /** What the facilitator typed as the title; the template's pattern completes it. */
  title?: string;
  now?: number;
}

/** Writes the template onto `doc` in one transaction, every value through the document schemas. */
export function applyTemplate(doc: Y.Doc, template: Template, lang: TemplateLanguage, opts: ApplyOptions = {}): void {
  const now = opts.now ?? Date.now();
  const boxes = starterLayout(template);
  doc.transact(() => {
    const s = sessionOf(doc);
    s.set('title', checked(SessionFields.title, templateTitle(template, lang, opts.title ?? ''), 'title'));
    const prompts: Partial<Record<Phase, string>> = {};
    for (const p of PHASES) {
      const text = template.prompts[p];
      if (text !== undefined) prompts[p] = inLanguage(text, lang);
    }
    s.set('prompts', checked(SessionFields.prompts, prompts, 'prompts'));
    s.set('dotsPerPerson', checked(SessionFields.dotsPerPerson, template.dotsPerPerson, 'dotsPerPerson'));
    s.set('voteSettings', checked(SessionFields.voteSettings, { ...template.voteSettings }, 'voteSettings'));
    setExpectedSectors(doc, template.sectors);
    template.scenarios.forEach((sc, i) => {
      const box = boxes[i]!;
      createScenario(doc, {
        name: checked(ScenarioFields.name, inLanguage(sc.name, lang), 'scenario name'),
        color: checked(ScenarioFields.color, sc.color, 'scenario color'),
        x: checked(ScenarioFields.x, box.x, 'scenario x'),
        y: checked(ScenarioFields.y, box.y, 'scenario y'),
        w: checked(ScenarioFields.w, box.w, 'scenario w'),
        h: checked(ScenarioFields.h, box.h, 'scenario h'),
        // Distinct times keep the template's order wherever frames are listed by creation.
        now: now + i,
      });
    });
  });
}
