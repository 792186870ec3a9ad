/**
 * Consultation windows: how participants take part between meetings.
 *
 * How the board says what is going on (all in the `session` root):
 * - `meeting`: 'live' while the group meets (the phase rights apply), or
 *   'closed' between meetings. Absent reads 'live', so older boards work as
 *   before. The facilitator writes it.
 * - `consultation`: the window open now, or null. A window has an
 *   unguessable id, what it opens (notes, comments, reactions, voting), a
 *   prompt, a deadline in server time and whether the voting round is
 *   revealed at the deadline. Only the server writes it, together with the
 *   durable schedule that closes it (server/rooms/consultations.ts).
 * - `consultations`: the windows closed so far, with when and how.
 *
 * An open window wins over `meeting`; past its deadline it is closed even
 * before the server's close has run, so a late write is refused either way.
 * Every note carries `origin`: 'meeting' or the id of the window it was
 * written in, so results, the participation panel and the exports can tell
 * them apart.
 */
import type * as Y from 'yjs';
import { ConsultationWindowSchema, MAX_PAST_WINDOWS, ORIGIN_MEETING, PastWindowSchema, checked } from './documentSchemas';
import { randomId } from './ids';
import { rightsOf, type PhaseRights, type Role } from './phases';
import { readSession, sessionOf, type ConsultationWindow, type PastWindow, type SessionView } from './schema';

export type ConsultationOpens = ConsultationWindow['opens'];

export type Participation =
  | { kind: 'live' }
  | { kind: 'consultation'; window: ConsultationWindow }
  /** No meeting and no open window; `window` is the one whose deadline has passed, if any. */
  | { kind: 'closed'; window: ConsultationWindow | null };

/** Longest a window may stay open, so a typo does not open a board for years. */
export const MAX_WINDOW_MS = 90 * 24 * 3600_000;

export function participationAt(session: Pick<SessionView, 'meeting' | 'consultation'>, serverNow: number): Participation {
  const w = session.consultation;
  if (w) return serverNow < w.deadline ? { kind: 'consultation', window: w } : { kind: 'closed', window: w };
  return session.meeting === 'closed' ? { kind: 'closed', window: null } : { kind: 'live' };
}

const NOTHING: PhaseRights = { writeNotes: false, cluster: false, vote: false, codesign: false, discuss: false };

/** What a role may do now: the phase rights in a live meeting, what the window opens during a consultation, nothing otherwise. */
export function rightsNow(role: Role, session: SessionView, serverNow: number): PhaseRights {
  if (role === 'facilitator') return rightsOf(role, session.phase, session.locked);
  if (role === 'observer' || session.locked) return NOTHING;
  const p = participationAt(session, serverNow);
  if (p.kind === 'live') return rightsOf(role, session.phase, session.locked);
  if (p.kind === 'closed') return NOTHING;
  // Comments and reactions are one right in the UI; the server's policy tells them apart (openNow).
  return { writeNotes: p.window.opens.notes, cluster: false, vote: p.window.opens.voting, codesign: false, discuss: p.window.opens.comments || p.window.opens.reactions };
}

/** The origin a contribution made now carries. */
export function originAt(session: SessionView, serverNow: number): string {
  const p = participationAt(session, serverNow);
  return p.kind === 'consultation' ? p.window.id : ORIGIN_MEETING;
}

export interface OpenWindow {
  opens: ConsultationOpens;
  prompt: string;
  deadline: number;
  autoReveal: boolean;
}

/** Why a window cannot be opened or extended to this deadline, or null. */
export function deadlineProblem(deadline: number, serverNow: number): 'past' | 'too-far' | null {
  if (!(deadline > serverNow)) return 'past';
  return deadline - serverNow > MAX_WINDOW_MS ? 'too-far' : null;
}

/** Server: opens a window (closing the live meeting) and returns it. Any window still open is recorded as closed first. */
export function openWindow(doc: Y.Doc, input: OpenWindow, serverNow: number): ConsultationWindow {
  const window = checked(ConsultationWindowSchema, { id: randomId(22), ...input, openedAt: serverNow }, 'consultation window');
  doc.transact(() => {
    closeWindow(doc, null, serverNow, 'facilitator');
    const s = sessionOf(doc);
    s.set('meeting', 'closed');
    s.set('consultation', window);
  });
  return window;
}

/** Server: moves the open window's deadline. Null when no window (or another one) is open. */
export function extendWindow(doc: Y.Doc, id: string, deadline: number): ConsultationWindow | null {
  const w = readSession(doc).consultation;
  if (!w || w.id !== id) return null;
  const moved = checked(ConsultationWindowSchema, { ...w, deadline }, 'consultation window');
  sessionOf(doc).set('consultation', moved);
  return moved;
}

/**
 * Server: closes the open window (only the one of that id, when given) and
 * records it among the past ones. Returns the closed window, or null when
 * there was nothing to close: a stale schedule changes nothing.
 */
export function closeWindow(doc: Y.Doc, id: string | null, serverNow: number, closedBy: PastWindow['closedBy']): PastWindow | null {
  const session = readSession(doc);
  const w = session.consultation;
  if (!w || (id !== null && w.id !== id)) return null;
  const past = checked(PastWindowSchema, { ...w, closedAt: serverNow, closedBy }, 'past consultation window');
  doc.transact(() => {
    const s = sessionOf(doc);
    s.set('consultation', null);
    s.set('consultations', [...session.consultations, past].slice(-MAX_PAST_WINDOWS));
  });
  return past;
}

/** Every window the board knows, open or closed, by id (for labels and counts per origin). */
export function windowsById(session: SessionView): Map<string, ConsultationWindow> {
  const out = new Map<string, ConsultationWindow>();
  for (const w of session.consultations) out.set(w.id, w);
  if (session.consultation) out.set(session.consultation.id, session.consultation);
  return out;
}
