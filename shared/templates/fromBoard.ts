/**
 * "Save as template": a board's structure as a template file — its title,
 * prompts, scenarios (names, colours, places, sizes), dots, vote settings
 * and expected sectors. Never its notes, people, ballots, results or plan.
 */
import type * as Y from 'yjs';
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH } from '../documentSchemas';
import { PHASES, type Phase } from '../phases';
import { listScenarios } from '../scenarios';
import { readSession } from '../schema';
import { clampText } from '../text';
import { readVoteSettings } from '../voting';
import { readExpectedSectors } from './expectedSectors';
import { MAX_TEMPLATE_SCENARIOS, TEMPLATE_FORMAT, TEMPLATE_VERSION, TemplateSchema, type Template } from './schema';

/** What an unnamed board or frame is called in the file (a template's texts may not be empty). */
export interface SaveDefaults {
  title: string;
  scenario: string;
}

export function templateFromBoard(doc: Y.Doc, defaults: SaveDefaults): Template {
  const session = readSession(doc);
  const title = clampText(session.title.trim() || defaults.title, MAX_TITLE_LENGTH);
  const prompts: Partial<Record<Phase, string>> = {};
  for (const p of PHASES) if (session.prompts[p].trim()) prompts[p] = session.prompts[p].trim();
  const round = (n: number): number => Math.round(n);
  const clampCoord = (n: number): number => Math.max(-100_000, Math.min(100_000, round(n)));
  const template: Template = {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_VERSION,
    title,
    titlePattern: title,
    prompts,
    // Oldest first, as they were made; a board with more frames keeps its first ones.
    scenarios: listScenarios(doc)
      .slice(0, MAX_TEMPLATE_SCENARIOS)
      .map((s, i) => ({
        name: clampText(s.name.trim() || `${defaults.scenario} ${i + 1}`, MAX_NAME_LENGTH),
        color: s.color,
        x: clampCoord(s.x),
        y: clampCoord(s.y),
        w: Math.min(100_000, round(s.w)),
        h: Math.min(100_000, round(s.h)),
      })),
    sectors: readExpectedSectors(doc),
    dotsPerPerson: session.dotsPerPerson,
    voteSettings: readVoteSettings(doc),
  };
  // The file must be one "New workshop" accepts: checked before it is offered.
  return TemplateSchema.parse(template);
}
