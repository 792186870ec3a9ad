/**
 * The workshop method as data: the five phases in order and what a
 * participant may do in each. The server enforces these rules on every
 * update; the client reads the same table to offer only what is allowed.
 * The facilitator may always do everything.
 */
export const PHASES = ['listening', 'discussion', 'scenarios', 'priorities', 'codesign'] as const;
export type Phase = (typeof PHASES)[number];
export const DEFAULT_PHASE: Phase = 'listening';

export const isPhase = (v: unknown): v is Phase => typeof v === 'string' && (PHASES as readonly string[]).includes(v);

export interface PhaseRights {
  /** Create notes and edit or delete one's own. */
  writeNotes: boolean;
  /** Move notes, put them into scenarios, create and edit scenarios. */
  cluster: boolean;
  /** Place and remove dots. */
  vote: boolean;
  /** Create and edit co-design action cards, commit one's sector. */
  codesign: boolean;
  /** Comment on and react to notes, scenarios and action cards: in every phase, while the board is unlocked. */
  discuss: boolean;
}

export const PHASE_RIGHTS: Record<Phase, PhaseRights> = {
  listening: { writeNotes: true, cluster: false, vote: false, codesign: false, discuss: true },
  discussion: { writeNotes: true, cluster: false, vote: false, codesign: false, discuss: true },
  scenarios: { writeNotes: false, cluster: true, vote: false, codesign: false, discuss: true },
  priorities: { writeNotes: false, cluster: false, vote: true, codesign: false, discuss: true },
  codesign: { writeNotes: true, cluster: true, vote: false, codesign: true, discuss: true },
};

export type Role = 'facilitator' | 'participant' | 'observer';
export const ROLES = ['facilitator', 'participant', 'observer'] as const;

/** What a role may do now, given the phase and the lock. */
export function rightsOf(role: Role, phase: Phase, locked: boolean): PhaseRights {
  if (role === 'facilitator') return { writeNotes: true, cluster: true, vote: true, codesign: true, discuss: true };
  if (role === 'observer' || locked) return { writeNotes: false, cluster: false, vote: false, codesign: false, discuss: false };
  return PHASE_RIGHTS[phase];
}

export const nextPhase = (p: Phase): Phase | null => PHASES[PHASES.indexOf(p) + 1] ?? null;
export const previousPhase = (p: Phase): Phase | null => PHASES[PHASES.indexOf(p) - 1] ?? null;
