/**
 * Suggested scenarios against each labelled workshop (bench/data/): pairwise
 * precision, recall and F1 of the groups against the themes, how many
 * off-topic notes stay out of every group, precision and recall of the
 * duplicate pairs, the same for Decidim's anchor (pg_trgm trigram
 * similarity) and for the trivial baseline (one group of every note), and
 * the time to suggest for a 2,000-note board made by resampling and
 * rewording that workshop's notes. No server involved.
 */
import { suggest } from '../../shared/suggest/suggest';
import { loadWorkshop, scoreDuplicates, scoreGroups, scoreOneGroup, WORKSHOP_FILES, type LabelledNote, type PairScores } from '../suggest/labelled';
import { PG_TRGM_THRESHOLD, trigramDuplicates, trigramGroups } from '../suggest/trigramBaseline';
import { summarize, type LatencySummary } from '../report/stats';
import type { Table } from '../report/table';

export type WorkshopName = keyof typeof WORKSHOP_FILES;
export const WORKSHOP_NAMES = Object.keys(WORKSHOP_FILES) as WorkshopName[];

export interface SuggestResult {
  workshop: WorkshopName;
  notes: number;
  themes: number;
  groups: PairScores & { offTopicLeftOut: number; count: number };
  duplicates: PairScores;
  trigramBaseline: { groups: PairScores & { offTopicLeftOut: number; threshold: number }; duplicates: PairScores & { threshold: number } };
  oneGroupBaseline: { groups: PairScores & { offTopicLeftOut: number } };
  large: { notes: number; runs: number; ms: LatencySummary; cpuMs: LatencySummary; groups: number; duplicates: number };
  labels: string[];
}

const LARGE_NOTES = 2000;
const LARGE_RUNS = 5;
/** The trigram baseline's groups at the threshold that suits it best on this data (swept), so the comparison is fair to it. */
const TRIGRAM_GROUP_THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3];

/** Mulberry32: a small seeded generator, so the 2,000-note board is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLERS = ['secondo me', 'davvero', 'anche', 'in generale', 'per tutti', 'al più presto', 'also', 'really'];

/**
 * A board of `count` notes made from the labelled ones: each new note
 * splices the start of one note onto the end of another of the same theme
 * (so the board is varied, not 16 copies of each note), then is reworded a
 * little (two words swapped, a filler added). Deterministic for a seed.
 */
export function resample(notes: readonly LabelledNote[], count: number, seed = 12): Array<{ id: string; text: string }> {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const byTheme = new Map<string, LabelledNote[]>();
  for (const n of notes) byTheme.set(n.theme, [...(byTheme.get(n.theme) ?? []), n]);
  const out: Array<{ id: string; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const a = pick(notes);
    const b = pick(byTheme.get(a.theme)!);
    const wa = a.text.split(' ');
    const wb = b.text.split(' ');
    const words = [...wa.slice(0, 1 + Math.floor(rnd() * wa.length)), ...wb.slice(Math.floor(rnd() * wb.length))];
    if (words.length > 3 && rnd() < 0.5) {
      const k = Math.floor(rnd() * (words.length - 1));
      [words[k], words[k + 1]] = [words[k + 1]!, words[k]!];
    }
    if (rnd() < 0.5) words.push(pick(FILLERS));
    out.push({ id: `n${i}`, text: words.join(' ') });
  }
  return out;
}

export function runSuggest(workshop: WorkshopName): SuggestResult {
  const w = loadWorkshop(WORKSHOP_FILES[workshop]);
  const notes = w.notes.map((n) => ({ id: n.id, text: n.text }));
  const s = suggest(notes);
  const groups = scoreGroups(w.notes, s.groups.map((g) => g.noteIds));
  const duplicates = scoreDuplicates(w.notes, s.duplicates);

  const trigramGroupScores = TRIGRAM_GROUP_THRESHOLDS.map((t) => ({ threshold: t, ...scoreGroups(w.notes, trigramGroups(notes, t)) }));
  const bestTrigram = trigramGroupScores.reduce((a, b) => (b.f1 > a.f1 ? b : a));
  const trigramDup = { threshold: PG_TRGM_THRESHOLD, ...scoreDuplicates(w.notes, trigramDuplicates(notes)) };

  const large = resample(w.notes, LARGE_NOTES);
  const times: number[] = [];
  const cpu: number[] = [];
  let last = suggest(large);
  for (let r = 0; r < LARGE_RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = suggest(large);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    workshop,
    notes: notes.length,
    themes: Object.keys(w.themes).length - 1,
    groups: { ...groups, count: s.groups.length },
    duplicates,
    trigramBaseline: { groups: bestTrigram, duplicates: trigramDup },
    oneGroupBaseline: { groups: scoreOneGroup(w.notes) },
    large: { notes: LARGE_NOTES, runs: LARGE_RUNS, ms: summarize(Float64Array.from(times)), cpuMs: summarize(Float64Array.from(cpu)), groups: last.groups.length, duplicates: last.duplicates.length },
    labels: s.groups.map((g) => `${g.label} (${g.noteIds.length})`),
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
const two = (x: number): string => x.toFixed(2);

export function suggestTable(r: SuggestResult): Table {
  const b = r.trigramBaseline;
  return {
    title: `Suggested scenarios, ${r.workshop} workshop: ${r.notes} labelled notes, ${r.themes} themes (pairwise precision/recall/F1 against the themes)`,
    head: ['method', 'groups P', 'groups R', 'groups F1', 'off-topic left out', 'duplicates P', 'duplicates R', `${r.large.notes} notes p50 ms`, 'max ms', 'CPU ms p50'],
    rows: [
      ['Tavolo (stems + TF-IDF, direct + second-order k-NN graph, Louvain)', two(r.groups.precision), two(r.groups.recall), two(r.groups.f1), pct(r.groups.offTopicLeftOut), two(r.duplicates.precision), two(r.duplicates.recall), r.large.ms.p50.toFixed(0), r.large.ms.max.toFixed(0), r.large.cpuMs.p50.toFixed(0)],
      [
        `trigram similarity (Decidim's pg_trgm; groups at ${b.groups.threshold}, duplicates at ${b.duplicates.threshold})`,
        two(b.groups.precision),
        two(b.groups.recall),
        two(b.groups.f1),
        pct(b.groups.offTopicLeftOut),
        two(b.duplicates.precision),
        two(b.duplicates.recall),
        '-',
        '-',
        '-',
      ],
      ['one group of every note', two(r.oneGroupBaseline.groups.precision), two(r.oneGroupBaseline.groups.recall), two(r.oneGroupBaseline.groups.f1), pct(r.oneGroupBaseline.groups.offTopicLeftOut), '-', '-', '-', '-', '-'],
    ],
    notes: [
      `Groups found: ${r.labels.join('; ')}.`,
      `The ${r.large.notes}-note board splices this workshop's labelled notes of one theme together (seeded); it gave ${r.large.groups} groups and ${r.large.duplicates} duplicate pairs; time is wall clock over ${r.large.runs} runs in this process (after one warm-up run), and the CPU time the process used meanwhile: on a loaded machine the wall clock includes waiting for a core.`,
      'Anchors: Parabol groups reflections only through a cloud AI service (nothing to run here); Decidim flags similar proposals by trigram similarity (the second row; its groups are connected components of similar pairs, at its best threshold on this data).',
    ],
  };
}
