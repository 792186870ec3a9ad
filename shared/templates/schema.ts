/**
 * What a workshop template holds, as one zod schema. The built-in templates
 * (./builtIn.ts) and a "saved template" file a facilitator downloads from a
 * board (./fromBoard.ts) are both checked with it, so "New workshop" accepts
 * either. Texts are either one string (a saved template, written in its
 * board's language) or `{ it, en }` (the built-in ones).
 */
import { z } from 'zod';
import {
  MAX_NAME_LENGTH,
  MAX_PROMPT_LENGTH,
  MAX_TITLE_LENGTH,
  PhaseSchema,
  SCENARIO_COLORS,
  SCENARIO_MIN_HEIGHT,
  SCENARIO_MIN_WIDTH,
  SECTORS,
  SectorSchema,
  SessionFields,
  VoteSettingsSchema,
} from '../documentSchemas';

export const TEMPLATE_LANGUAGES = ['it', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export const TemplateLanguageSchema = z.enum(TEMPLATE_LANGUAGES);

/** Where the facilitator's own words go in a title pattern: "Contratto di fiume {title}". */
export const TITLE_PLACEHOLDER = '{title}';
export const MAX_TEMPLATE_DESCRIPTION = 500;
/** Enough for any real set of starter scenarios, and keeps a saved file under the API's 16 kB body limit. */
export const MAX_TEMPLATE_SCENARIOS = 40;
/** Frames far off any board a person would build; keeps a hand-edited file from placing them at 1e15. */
const MAX_COORD = 100_000;
export const TEMPLATE_FORMAT = 'tavolo-template';
export const TEMPLATE_VERSION = 1;

const localized = (max: number) =>
  z.union([z.string().trim().min(1).max(max), z.object({ it: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).strict()]);
export type Localized = z.infer<ReturnType<typeof localized>>;

const Coord = z.number().int().min(-MAX_COORD).max(MAX_COORD);

export const TemplateScenarioSchema = z
  .object({
    name: localized(MAX_NAME_LENGTH),
    color: z.enum(SCENARIO_COLORS),
    /** A saved board's frames keep their place and size; built-in ones are laid out when applied. */
    x: Coord.optional(),
    y: Coord.optional(),
    w: z.number().int().min(SCENARIO_MIN_WIDTH).max(MAX_COORD).optional(),
    h: z.number().int().min(SCENARIO_MIN_HEIGHT).max(MAX_COORD).optional(),
  })
  .strict();
export type TemplateScenario = z.infer<typeof TemplateScenarioSchema>;

export const TemplateSchema = z
  .object({
    format: z.literal(TEMPLATE_FORMAT),
    version: z.literal(TEMPLATE_VERSION),
    /** Built-in templates only: the name `POST /api/rooms { template }` uses. */
    id: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
    title: localized(MAX_TITLE_LENGTH),
    description: localized(MAX_TEMPLATE_DESCRIPTION).optional(),
    /** The room's title; TITLE_PLACEHOLDER, if present, takes what the facilitator typed. */
    titlePattern: localized(MAX_TITLE_LENGTH),
    prompts: z.partialRecord(PhaseSchema, localized(MAX_PROMPT_LENGTH)),
    scenarios: z.array(TemplateScenarioSchema).max(MAX_TEMPLATE_SCENARIOS),
    /** The sectors the network expects at the table (session `expectedSectors`). */
    sectors: z.array(SectorSchema).min(1).max(SECTORS.length),
    dotsPerPerson: SessionFields.dotsPerPerson,
    voteSettings: VoteSettingsSchema,
  })
  .strict();
export type Template = z.infer<typeof TemplateSchema>;

/** A text in the room's language. */
export const inLanguage = (text: Localized, lang: TemplateLanguage): string => (typeof text === 'string' ? text : text[lang]);
