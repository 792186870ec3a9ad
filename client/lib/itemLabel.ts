/**
 * How a note or a scenario is named to a screen reader when an action is
 * about it ("Add dot to “Flood-risk map”", "Dropped the note … into …"):
 * its text or name on one line, cut short, never empty.
 */
import type * as Y from 'yjs';
import { noteText } from '../../shared/notes';
import { scenariosOf } from '../../shared/schema';

/** Long enough to tell notes apart, short enough to be read out in passing. */
export const LABEL_MAX_CHARS = 60;

export function shortLabel(text: string, empty: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return empty;
  return line.length > LABEL_MAX_CHARS ? `${line.slice(0, LABEL_MAX_CHARS - 1).trimEnd()}…` : line;
}

export interface EmptyLabels {
  note: string;
  scenario: string;
}

/** The label of the note or scenario `id` in `doc`; `empty` names one with no words yet. */
export function itemLabel(doc: Y.Doc, id: string, empty: EmptyLabels): string {
  const scenario = scenariosOf(doc).get(id);
  if (scenario) return shortLabel(String(scenario.get('name') ?? ''), empty.scenario);
  return shortLabel(noteText(doc, id)?.toString() ?? '', empty.note);
}
