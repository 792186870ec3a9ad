/**
 * Dots per item, computed once per change of the ballots (not once per
 * note), from the same `tally` the results panel uses so the two can never
 * disagree. Recomputed lazily: nothing is done until a card asks.
 */
import type * as Y from 'yjs';
import { notesOf, scenariosOf, sessionOf, votesOf } from '../../shared/schema';
import { tally } from '../../shared/votes';

export class VoteTotals {
  private totals: Map<string, number> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: Array<() => void> = [];

  constructor(private readonly doc: Y.Doc) {
    // Shallow observers: ballots, budget, and items appearing or vanishing.
    for (const type of [votesOf(doc), sessionOf(doc), notesOf(doc), scenariosOf(doc)] as const) {
      const handler = (): void => this.invalidate();
      type.observe(handler);
      this.unobserve.push(() => type.unobserve(handler));
    }
  }

  private invalidate(): void {
    this.totals = null;
    this.listeners.forEach((l) => l());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  total(itemId: string): number {
    if (!this.totals) this.totals = new Map(tally(this.doc).map((r) => [r.id, r.dots]));
    return this.totals.get(itemId) ?? 0;
  }

  destroy(): void {
    this.unobserve.forEach((u) => u());
    this.listeners.clear();
  }
}
