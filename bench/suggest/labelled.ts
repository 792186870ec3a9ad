/**
 * The labelled workshops (bench/data/workshop-*.json) and the
 * measures of suggestions against it: pairwise precision/recall/F1 of the
 * groups against the themes, and precision/recall of the duplicate pairs.
 * Shared by the bench scenario and the quality floor in the unit tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const LabelledNote = z.object({ id: z.string(), theme: z.string(), text: z.string(), duplicateOf: z.string().optional() });
const Workshop = z.object({ title: z.string(), themes: z.record(z.string(), z.string()), notes: z.array(LabelledNote) });
export type LabelledNote = z.infer<typeof LabelledNote>;
export type LabelledWorkshop = z.infer<typeof Workshop>;

export const OFF_TOPIC = 'none';
const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../data');
export const WORKSHOP_FILE = path.join(DATA_DIR, 'workshop-territorio.json');
/** Every labelled workshop, by a short name: a valley relaunch and a river contract. */
export const WORKSHOP_FILES = { territorio: WORKSHOP_FILE, fiume: path.join(DATA_DIR, 'workshop-fiume.json') } as const;

export function loadWorkshop(file = WORKSHOP_FILE): LabelledWorkshop {
  return Workshop.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  expected: number;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function scorePairs(predicted: ReadonlySet<string>, expected: ReadonlySet<string>): PairScores {
  let hit = 0;
  for (const p of predicted) if (expected.has(p)) hit++;
  const precision = predicted.size ? hit / predicted.size : 0;
  const recall = expected.size ? hit / expected.size : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, predicted: predicted.size, expected: expected.size };
}

function pairsWithin(groups: ReadonlyArray<readonly string[]>): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(pairKey(g[i]!, g[j]!));
  return out;
}

/** Pairs of notes put in one group, against pairs of notes of one theme (off-topic notes belong to no theme). */
export function scoreGroups(notes: readonly LabelledNote[], groups: ReadonlyArray<readonly string[]>): PairScores & { offTopicLeftOut: number } {
  const byTheme = new Map<string, string[]>();
  for (const n of notes) if (n.theme !== OFF_TOPIC) byTheme.set(n.theme, [...(byTheme.get(n.theme) ?? []), n.id]);
  const grouped = new Set(groups.flat());
  const offTopic = notes.filter((n) => n.theme === OFF_TOPIC);
  const leftOut = offTopic.filter((n) => !grouped.has(n.id)).length;
  return { ...scorePairs(pairsWithin(groups), pairsWithin([...byTheme.values()])), offTopicLeftOut: offTopic.length ? leftOut / offTopic.length : 1 };
}

export function scoreDuplicates(notes: readonly LabelledNote[], pairs: ReadonlyArray<readonly [string, string]>): PairScores {
  const expected = new Set(notes.filter((n) => n.duplicateOf).map((n) => pairKey(n.id, n.duplicateOf!)));
  return scorePairs(new Set(pairs.map(([a, b]) => pairKey(a, b))), expected);
}

/** The trivial baseline: every note in one group (recall 1, precision the share of same-theme pairs). */
export function scoreOneGroup(notes: readonly LabelledNote[]): PairScores & { offTopicLeftOut: number } {
  return scoreGroups(notes, [notes.map((n) => n.id)]);
}
