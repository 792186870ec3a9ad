/**
 * Dot-voting. Each participant's ballot is one plain value in the `votes`
 * root map, replaced whole on every change, so the budget holds per ballot
 * even when two of their devices race (last writer wins, never a sum).
 * Dots on an item that has since been deleted no longer count, so they
 * return to the participant's budget.
 */
import type * as Y from 'yjs';
import { ballotRules, countedBallots } from './voting';
import { countedDots, dotTotal, type BallotRules } from './scoring';
import { notesOf, readBallot, readNote, readScenario, readSession, scenariosOf, votesOf, type Ballot, type Sector, SECTORS, type Where } from './schema';

export type VoteRefusal = 'no-dots-left' | 'unknown-item' | 'no-dot-here' | 'item-full';
export type VoteResult = { ok: true; remaining: number } | { ok: false; reason: VoteRefusal };

/**
 * One dot placed (+1) or removed (-1) on a ballot, within the budget and
 * the per-item maximum. Pure: the open board (castDot) and the server's
 * secret ballots both use it, so the rules cannot drift apart.
 */
export function changeDots(
  dots: Record<string, number>,
  itemId: string,
  delta: 1 | -1,
  limits: BallotRules,
): { ok: true; dots: Record<string, number>; remaining: number } | { ok: false; reason: VoteRefusal } {
  // What counts of the ballot now; dots on deleted items or beyond lowered limits are dropped.
  const kept = countedDots(dots, limits);
  const used = dotTotal(kept);
  const here = kept[itemId] ?? 0;
  if (delta === 1) {
    if (!limits.exists(itemId)) return { ok: false, reason: 'unknown-item' };
    if (used >= limits.budget) return { ok: false, reason: 'no-dots-left' };
    if (here >= limits.maxPerItem) return { ok: false, reason: 'item-full' };
    kept[itemId] = here + 1;
  } else {
    if (here <= 0) return { ok: false, reason: 'no-dot-here' };
    if (here === 1) delete kept[itemId];
    else kept[itemId] = here - 1;
  }
  return { ok: true, dots: kept, remaining: limits.budget - used - delta };
}

export interface Voter {
  id: string;
  sector: Sector;
  /** In the room or remote, recorded with the ballot. */
  where?: Where;
}

export function itemExists(doc: Y.Doc, itemId: string): boolean {
  return notesOf(doc).has(itemId) || scenariosOf(doc).has(itemId);
}

export function getBallot(doc: Y.Doc, participantId: string): Ballot | null {
  return readBallot(votesOf(doc).get(participantId));
}

/** The participant's dots that count (`countedDots`). */
function countedOf(doc: Y.Doc, participantId: string): Record<string, number> {
  const ballot = getBallot(doc, participantId);
  return ballot ? countedDots(ballot.dots, ballotRules(doc)) : {};
}

/** Dots the participant has on items that still exist, as they count. */
export function usedDots(doc: Y.Doc, participantId: string): number {
  return dotTotal(countedOf(doc, participantId));
}

export function remainingDots(doc: Y.Doc, participantId: string): number {
  return Math.max(0, readSession(doc).dotsPerPerson - usedDots(doc, participantId));
}

export function dotsOn(doc: Y.Doc, participantId: string, itemId: string): number {
  return countedOf(doc, participantId)[itemId] ?? 0;
}

function writeBallot(doc: Y.Doc, voter: Voter, dots: Record<string, number>): void {
  // Drop dots on deleted items while we rewrite the ballot anyway.
  const kept: Record<string, number> = {};
  for (const [item, n] of Object.entries(dots)) if (n > 0 && itemExists(doc, item)) kept[item] = n;
  votesOf(doc).set(voter.id, { sector: voter.sector, ...(voter.where ? { where: voter.where } : {}), dots: kept, updatedAt: Date.now() });
}

export function castDot(doc: Y.Doc, voter: Voter, itemId: string): VoteResult {
  const r = changeDots(getBallot(doc, voter.id)?.dots ?? {}, itemId, 1, ballotRules(doc));
  if (!r.ok) return r;
  writeBallot(doc, voter, r.dots);
  return { ok: true, remaining: r.remaining };
}

export function retractDot(doc: Y.Doc, voter: Voter, itemId: string): VoteResult {
  // Counted first, so a dot beyond lowered limits is not "removed" without anything changing on screen.
  const r = changeDots(getBallot(doc, voter.id)?.dots ?? {}, itemId, -1, ballotRules(doc));
  if (!r.ok) return r;
  writeBallot(doc, voter, r.dots);
  return { ok: true, remaining: remainingDots(doc, voter.id) };
}

export type ItemKind = 'note' | 'scenario';

export interface TallyRow {
  id: string;
  kind: ItemKind;
  label: string;
  dots: number;
  voters: number;
  bySector: Record<Sector, number>;
  rank: number;
}

const emptyBySector = (): Record<Sector, number> => ({ public: 0, private: 0, civil: 0, other: 0 });

/**
 * Ranked results for notes and scenarios. Every ballot counts as
 * `countedDots` counts it (budget and per-item maximum, in item order), so a
 * ballot written under a larger budget, or a forged one, cannot outweigh an
 * honest one, and the card, the results and the participation panel agree.
 * Ties share a rank.
 */
export function tally(doc: Y.Doc): TallyRow[] {
  const rows = new Map<string, TallyRow>();
  notesOf(doc).forEach((m, id) => {
    const label = readNote(id, m).text.split('\n')[0]?.trim() ?? '';
    rows.set(id, { id, kind: 'note', label, dots: 0, voters: 0, bySector: emptyBySector(), rank: 0 });
  });
  scenariosOf(doc).forEach((m, id) => {
    rows.set(id, { id, kind: 'scenario', label: readScenario(id, m).name, dots: 0, voters: 0, bySector: emptyBySector(), rank: 0 });
  });
  for (const ballot of countedBallots(doc)) {
    for (const [item, n] of Object.entries(ballot.dots)) {
      const row = rows.get(item);
      if (!row) continue;
      row.dots += n;
      row.voters += 1;
      row.bySector[ballot.sector] += n;
    }
  }
  const ranked = [...rows.values()]
    .filter((r) => r.dots > 0)
    .sort((a, b) => b.dots - a.dots || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && prev.dots === r.dots ? prev.rank : i + 1;
  });
  return ranked;
}

export { SECTORS };
