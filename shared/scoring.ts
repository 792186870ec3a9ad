/**
 * Results that show where sectors agree. Pure functions over one voting
 * round's ballots; the server runs them on reveal (secret voting) and the
 * client on the live ballots (open voting). README § "Reading the results"
 * explains every number with a worked example.
 *
 * - share of a sector on an item: the dots that sector put on the item,
 *   divided by all the dots that sector cast in the round;
 * - bridging score: the smallest share over the sectors that voted in the
 *   round. An item only a sector or two back scores 0; an item every sector
 *   backs scores as high as its least enthusiastic sector;
 * - divergence: the largest share minus the smallest; flagged at ≥ 0.25;
 * - balanced dots: every sector weighs the same whatever its headcount:
 *   Σ share × (all dots cast ÷ sectors that voted), so the balanced total
 *   equals the raw total;
 * - anonymity guard: a sector's breakdown on an item is shown only when at
 *   least k people of that sector voted for it; when exactly one sector
 *   would be hidden, the smallest shown one is hidden with it, so the hidden
 *   part can never be worked out by subtraction. Totals always count all;
 * - derived figures (bridging, divergence, balanced dots) of an item are
 *   published only when every sector's part of it is shown: each of them
 *   mixes in every voting sector's share, so on a guarded item even "0 %
 *   shared" or "sectors disagree" would say something about a hidden
 *   sector. Such items rank after the others in "most shared".
 */
import { SECTORS, type Sector, type Where } from './schema';

export interface RoundBallot {
  participantId: string;
  sector: Sector;
  where?: Where;
  /** 'meeting' or a consultation window id (absent: the meeting). */
  origin?: string;
  dots: Record<string, number>;
}

export interface ItemRef {
  id: string;
  kind: 'note' | 'scenario';
  label: string;
}

export const DEFAULT_ANONYMITY_K = 3;
export const DIVERGENCE_FLAG = 0.25;

export interface SectorCell {
  dots: number;
  voters: number;
  /** This sector's dots on the item ÷ all dots it cast in the round. */
  share: number;
}

export interface ItemResult {
  id: string;
  kind: 'note' | 'scenario';
  label: string;
  dots: number;
  voters: number;
  /** Per sector, or null where the anonymity guard hides it. */
  bySector: Record<Sector, SectorCell | null>;
  /** Dots of the hidden sectors together (0 when nothing is hidden). */
  hiddenDots: number;
  /** The three derived figures are null when `figuresShown` says no. */
  bridging: number | null;
  divergence: number | null;
  divergent: boolean;
  balancedDots: number | null;
  rank: number;
  bridgingRank: number;
}

export interface RoundResult {
  round: number;
  voters: number;
  dotsCast: number;
  /** Voters per sector in the round (a count of people, never who). */
  votersBySector: Record<Sector, number>;
  /** Voters in the room and remote (unknown where a ballot did not say). */
  votersByWhere: { room: number; remote: number; unknown: number };
  /** Voters whose ballot was last changed in a meeting or during a consultation window. */
  votersByOrigin: { meeting: number; consultation: number };
  sectorsVoting: Sector[];
  k: number;
  items: ItemResult[];
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Whether an item's derived figures can be shown without revealing anything
 * of a hidden sector: only when the guard hides no sector on it. Results
 * stored before this rule still carry the numbers, so views check it too.
 */
export function figuresShown(item: Pick<ItemResult, 'bySector' | 'hiddenDots'>): boolean {
  return item.hiddenDots === 0 && SECTORS.every((s) => item.bySector[s] !== null);
}

/** What a ballot may hold: the room's budget and per-item maximum, and which items exist now. */
export interface BallotRules {
  budget: number;
  maxPerItem: number;
  exists: (itemId: string) => boolean;
}

/**
 * The one way dots are counted, by the note card, the live and revealed
 * results, the facilitator's report and the participation panel alike:
 * positive whole counts on items that still exist, at most `maxPerItem` on
 * one item and at most `budget` in all, taken in item-id order. The server
 * refuses ballots outside the rules (`keepsBallotRules`); this keeps a
 * ballot written under older settings from outweighing an honest one.
 */
export function countedDots(dots: Record<string, number>, rules: BallotRules): Record<string, number> {
  const out: Record<string, number> = {};
  let left = rules.budget;
  for (const item of Object.keys(dots).sort()) {
    const n = dots[item] ?? 0;
    if (!Number.isInteger(n) || n <= 0 || !rules.exists(item)) continue;
    const counted = Math.min(n, rules.maxPerItem, left);
    if (counted > 0) {
      out[item] = counted;
      left -= counted;
    }
  }
  return out;
}

export const dotTotal = (dots: Record<string, number>): number => Object.values(dots).reduce((a, n) => a + n, 0);

/**
 * Whether a ballot as written keeps the rules: every count within the
 * per-item maximum, and all of them (deleted items included) within the
 * budget. A change that only removes dots is always allowed, so lowering
 * the budget never traps anyone with a ballot they cannot shrink.
 */
export function keepsBallotRules(dots: Record<string, number>, previous: Record<string, number>, rules: Pick<BallotRules, 'budget' | 'maxPerItem'>): boolean {
  const onlyRemoves = Object.entries(dots).every(([item, n]) => n <= (previous[item] ?? 0));
  if (onlyRemoves) return true;
  return Object.values(dots).every((n) => n <= rules.maxPerItem) && dotTotal(dots) <= rules.budget;
}

export function scoreRound(round: number, ballots: RoundBallot[], items: ItemRef[], k = DEFAULT_ANONYMITY_K): RoundResult {
  const known = new Map(items.map((i) => [i.id, i]));
  const castBySector = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
  const votersBySector = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
  const votersByWhere = { room: 0, remote: 0, unknown: 0 };
  const votersByOrigin = { meeting: 0, consultation: 0 };
  const cells = new Map<string, Record<Sector, { dots: number; voters: number }>>();
  let voters = 0;
  for (const b of ballots) {
    let cast = 0;
    for (const [id, n] of Object.entries(b.dots)) {
      if (!known.has(id) || !(n > 0)) continue;
      let c = cells.get(id);
      if (!c) cells.set(id, (c = Object.fromEntries(SECTORS.map((s) => [s, { dots: 0, voters: 0 }])) as Record<Sector, { dots: number; voters: number }>));
      c[b.sector].dots += n;
      c[b.sector].voters += 1;
      cast += n;
    }
    if (cast > 0) {
      voters++;
      votersBySector[b.sector]++;
      votersByWhere[b.where ?? 'unknown']++;
      votersByOrigin[b.origin === undefined || b.origin === 'meeting' ? 'meeting' : 'consultation']++;
      castBySector[b.sector] += cast;
    }
  }
  const sectorsVoting = SECTORS.filter((s) => castBySector[s] > 0);
  const dotsCast = sectorsVoting.reduce((sum, s) => sum + castBySector[s], 0);

  const results: ItemResult[] = [];
  for (const [id, c] of cells) {
    const ref = known.get(id)!;
    const shares = sectorsVoting.map((s) => c[s].dots / castBySector[s]);
    const bridging = shares.length > 0 ? Math.min(...shares) : 0;
    const divergence = shares.length > 0 ? Math.max(...shares) - Math.min(...shares) : 0;
    const balancedDots = sectorsVoting.length > 0 ? shares.reduce((a, b) => a + b, 0) * (dotsCast / sectorsVoting.length) : 0;
    const dots = SECTORS.reduce((sum, s) => sum + c[s].dots, 0);
    const itemVoters = SECTORS.reduce((sum, s) => sum + c[s].voters, 0);

    const hidden = new Set(SECTORS.filter((s) => c[s].voters > 0 && c[s].voters < k));
    if (hidden.size === 1) {
      // One hidden sector alone could be recovered as total minus the rest.
      const smallest = SECTORS.filter((s) => !hidden.has(s) && c[s].voters > 0).sort((a, b) => c[a].voters - c[b].voters || c[a].dots - c[b].dots)[0];
      if (smallest) hidden.add(smallest);
      else for (const s of SECTORS) hidden.add(s); // only one sector voted for it: say nothing of which
    }
    const bySector = Object.fromEntries(
      SECTORS.map((s) => [
        s,
        hidden.has(s) ? null : { dots: c[s].dots, voters: c[s].voters, share: castBySector[s] > 0 ? round3(c[s].dots / castBySector[s]) : 0 },
      ]),
    ) as Record<Sector, SectorCell | null>;
    const hiddenDots = [...hidden].reduce((sum, s) => sum + c[s].dots, 0);
    const shown = figuresShown({ bySector, hiddenDots });
    results.push({
      id,
      kind: ref.kind,
      label: ref.label,
      dots,
      voters: itemVoters,
      bySector,
      hiddenDots,
      bridging: shown ? round3(bridging) : null,
      divergence: shown ? round3(divergence) : null,
      divergent: shown && sectorsVoting.length > 1 && divergence >= DIVERGENCE_FLAG,
      balancedDots: shown ? round3(balancedDots) : null,
      rank: 0,
      bridgingRank: 0,
    });
  }
  const byDots = [...results].sort((a, b) => b.dots - a.dots || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  byDots.forEach((r, i) => (r.rank = i > 0 && byDots[i - 1]!.dots === r.dots ? byDots[i - 1]!.rank : i + 1));
  // Guarded items (no figures) come last, by dots: their order must not hint at their figures.
  const NONE = -1;
  const bridgeKey = (r: ItemResult): number => r.bridging ?? NONE;
  const balancedKey = (r: ItemResult): number => r.balancedDots ?? NONE;
  const byBridge = [...results].sort(
    (a, b) => bridgeKey(b) - bridgeKey(a) || balancedKey(b) - balancedKey(a) || b.dots - a.dots || a.id.localeCompare(b.id),
  );
  byBridge.forEach((r, i) => {
    const prev = byBridge[i - 1];
    const tied = prev && prev.bridging === r.bridging && prev.balancedDots === r.balancedDots && (r.bridging !== null || prev.dots === r.dots);
    r.bridgingRank = tied ? prev.bridgingRank : i + 1;
  });
  return { round, voters, dotsCast, votersBySector, votersByWhere, votersByOrigin, sectorsVoting, k, items: byBridge };
}
