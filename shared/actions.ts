/**
 * Cross-sector co-design: action cards for the top priorities, edited
 * together in the Co-design phase. Free-text fields are Y.Text (typed by
 * several people at once); lead and partners are plain values; each
 * sector's commitment is its own entry so two sectors committing at once
 * never overwrite each other.
 */
import * as Y from 'yjs';
import { newItemId } from './ids';
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH, SECTORS, isSector, type Sector } from './schema';
import { applyTextEdit, clampText } from './text';
import {
  ACTION_TEXT_FIELDS,
  ActionFields,
  CommitmentSchema,
  MAX_ACTION_TEXT,
  MAX_COMMITMENT_NOTE,
  MAX_PARTNERS,
  OrganisationSchema,
  ROOT_ACTIONS,
  readOr,
  type ActionTextField,
} from './documentSchemas';

export { ACTION_TEXT_FIELDS, MAX_ACTION_TEXT, MAX_COMMITMENT_NOTE, MAX_PARTNERS, ROOT_ACTIONS, type ActionTextField } from './documentSchemas';

export interface Organisation {
  name: string;
  sector: Sector;
}

export interface Commitment {
  participantId: string;
  name: string;
  note: string;
  at: number;
}

export interface ActionView {
  id: string;
  title: string;
  /** The priority (note or scenario) this action answers, if any. */
  fromItemId: string | null;
  objective: string;
  actions: string;
  resources: string;
  timeline: string;
  lead: Organisation | null;
  partners: Organisation[];
  commitments: Partial<Record<Sector, Commitment>>;
  committedSectors: Sector[];
  missingSectors: Sector[];
  createdBy: string;
  createdAt: number;
}

export const actionsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(ROOT_ACTIONS);

export const isOrganisation = (v: unknown): v is Organisation => OrganisationSchema.safeParse(v).success;
export const isCommitment = (v: unknown): v is Commitment => CommitmentSchema.safeParse(v).success;

export function createAction(
  doc: Y.Doc,
  input: { id?: string; title: string; fromItemId?: string | null; createdBy: string; now?: number },
): string {
  const id = input.id ?? newItemId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('title', clampText(input.title, MAX_TITLE_LENGTH));
    m.set('fromItemId', input.fromItemId ?? null);
    for (const f of ACTION_TEXT_FIELDS) m.set(f, new Y.Text());
    m.set('lead', null);
    m.set('partners', []);
    m.set('commitments', new Y.Map<unknown>());
    m.set('createdBy', input.createdBy);
    m.set('createdAt', input.now ?? Date.now());
    actionsOf(doc).set(id, m);
  });
  return id;
}

export function actionText(doc: Y.Doc, id: string, field: ActionTextField): Y.Text | null {
  const t = actionsOf(doc).get(id)?.get(field);
  return t instanceof Y.Text ? t : null;
}

export function editActionText(doc: Y.Doc, id: string, field: ActionTextField, text: string): boolean {
  const t = actionText(doc, id, field);
  if (!t) return false;
  applyTextEdit(t, clampText(text, MAX_ACTION_TEXT));
  return true;
}

export function setActionTitle(doc: Y.Doc, id: string, title: string): boolean {
  const m = actionsOf(doc).get(id);
  if (!m) return false;
  m.set('title', clampText(title, MAX_TITLE_LENGTH));
  return true;
}

export function setLead(doc: Y.Doc, id: string, lead: Organisation | null): boolean {
  const m = actionsOf(doc).get(id);
  if (!m) return false;
  m.set('lead', lead ? { name: clampText(lead.name, MAX_NAME_LENGTH), sector: lead.sector } : null);
  return true;
}

export function setPartners(doc: Y.Doc, id: string, partners: Organisation[]): boolean {
  const m = actionsOf(doc).get(id);
  if (!m) return false;
  m.set(
    'partners',
    partners.slice(0, MAX_PARTNERS).map((p) => ({ name: clampText(p.name, MAX_NAME_LENGTH), sector: p.sector })),
  );
  return true;
}

/** A participant commits their sector to the action (one entry per sector). */
export function commit(doc: Y.Doc, id: string, sector: Sector, who: { participantId: string; name: string }, note = '', now = Date.now()): boolean {
  const c = actionsOf(doc).get(id)?.get('commitments');
  if (!(c instanceof Y.Map)) return false;
  c.set(sector, { participantId: who.participantId, name: clampText(who.name, MAX_NAME_LENGTH), note: clampText(note, MAX_COMMITMENT_NOTE), at: now });
  return true;
}

export function withdraw(doc: Y.Doc, id: string, sector: Sector): boolean {
  const c = actionsOf(doc).get(id)?.get('commitments');
  if (!(c instanceof Y.Map) || !c.has(sector)) return false;
  c.delete(sector);
  return true;
}

export function deleteAction(doc: Y.Doc, id: string): boolean {
  if (!actionsOf(doc).has(id)) return false;
  actionsOf(doc).delete(id);
  return true;
}

export function readAction(id: string, m: Y.Map<unknown>): ActionView {
  const text = (f: ActionTextField): string => {
    const t = m.get(f);
    return t instanceof Y.Text ? t.toString() : '';
  };
  const commitments: Partial<Record<Sector, Commitment>> = {};
  const c = m.get('commitments');
  if (c instanceof Y.Map) c.forEach((v, k) => isSector(k) && isCommitment(v) && (commitments[k] = v));
  const partners = m.get('partners');
  const f = ActionFields;
  return {
    id,
    title: readOr(f.title, m.get('title'), ''),
    fromItemId: readOr(f.fromItemId, m.get('fromItemId'), null),
    objective: text('objective'),
    actions: text('actions'),
    resources: text('resources'),
    timeline: text('timeline'),
    lead: readOr(f.lead, m.get('lead'), null),
    partners: Array.isArray(partners) ? partners.filter(isOrganisation).slice(0, MAX_PARTNERS) : [],
    commitments,
    committedSectors: SECTORS.filter((s) => commitments[s]),
    missingSectors: SECTORS.filter((s) => !commitments[s]),
    createdBy: readOr(f.createdBy, m.get('createdBy'), ''),
    createdAt: readOr(f.createdAt, m.get('createdAt'), 0),
  };
}

export function listActions(doc: Y.Doc): ActionView[] {
  const out: ActionView[] = [];
  actionsOf(doc).forEach((m, id) => out.push(readAction(id, m)));
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
