/**
 * The few words the server writes into exports (Markdown report, CSV
 * labels), in Italian and English. A plain table rather than i18next: the
 * server has no i18n runtime, and these files are read far from the UI.
 * The printable report page uses the client's own strings (report.json).
 */
import type { Phase } from '../phases';
import type { ReactionKind } from '../reactions';
import type { Sector, Where } from '../schema';

export const EXPORT_LANGUAGES = ['en', 'it'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];
export const isExportLanguage = (v: unknown): v is ExportLanguage => v === 'en' || v === 'it';

export interface ExportStrings {
  locale: string;
  date: string;
  exported: string;
  participants: string;
  contributors: string;
  bySector: string;
  byWhere: string;
  whereUnknown: string;
  prompts: string;
  notesByScenario: string;
  noScenario: string;
  noNotes: string;
  facilitator: string;
  /** Notes by where they were written: the meeting or a consultation window. */
  byOrigin: string;
  commentsByOrigin: string;
  reactionsByOrigin: string;
  inMeeting: string;
  inConsultation: (opened: string) => string;
  priorities: string;
  noVotes: string;
  roundLine: (round: number, voters: number, dots: number) => string;
  openTally: (voters: number, dots: number) => string;
  rank: string;
  item: string;
  dots: string;
  bridging: string;
  guardHidden: (k: number) => string;
  guarded: string;
  actionPlan: string;
  noActions: string;
  answers: string;
  objective: string;
  actions: string;
  resources: string;
  timeline: string;
  lead: string;
  partners: string;
  commitments: string;
  notCommitted: string;
  none: string;
  /** Comments and reactions under each note, scenario and action card. */
  comment: string;
  /** Beside a comment written in a consultation window. */
  fromConsultation: string;
  reply: string;
  edited: string;
  reactions: Record<ReactionKind, string>;
  sectors: Record<Sector, string>;
  where: Record<Where, string>;
  phases: Record<Phase, string>;
}

const en: ExportStrings = {
  locale: 'en-GB',
  date: 'Date',
  exported: 'Exported',
  participants: 'Participants',
  contributors: 'People who contributed',
  bySector: 'By sector',
  byWhere: 'In the room / remote',
  whereUnknown: 'not said',
  prompts: 'Prompts',
  notesByScenario: 'Notes by scenario',
  noScenario: 'Not in a scenario',
  noNotes: 'No notes.',
  facilitator: 'Facilitator',
  byOrigin: 'Notes by origin',
  commentsByOrigin: 'Comments by origin',
  reactionsByOrigin: 'Reactions by origin',
  inMeeting: 'In the meeting',
  inConsultation: (opened) => `In the consultation opened ${opened}`,
  priorities: 'Priorities',
  noVotes: 'No votes revealed yet.',
  roundLine: (round, voters, dots) => `Round ${round}: ${voters} ${voters === 1 ? 'voter' : 'voters'}, ${dots} ${dots === 1 ? 'dot' : 'dots'}.`,
  openTally: (voters, dots) => `Open voting as it stands: ${voters} ${voters === 1 ? 'voter' : 'voters'}, ${dots} ${dots === 1 ? 'dot' : 'dots'}.`,
  rank: 'Rank',
  item: 'Item',
  dots: 'Dots',
  bridging: 'Shared across sectors',
  guardHidden: (k) => `“hidden”: fewer than ${k} people of that sector voted for the item, so its part is not shown (the total counts everyone).`,
  guarded: 'hidden',
  actionPlan: 'Action plan',
  noActions: 'No action cards.',
  answers: 'Answers',
  objective: 'Objective',
  actions: 'Actions',
  resources: 'Resources',
  timeline: 'Timeline',
  lead: 'Lead',
  partners: 'Partners',
  commitments: 'Commitments',
  notCommitted: 'not yet',
  none: '—',
  comment: 'Comment',
  fromConsultation: 'consultation',
  reply: 'Reply',
  edited: 'edited',
  reactions: { agree: 'Agree', important: 'Important', question: 'Question' },
  sectors: { public: 'Public', private: 'Private', civil: 'Civil society', other: 'Other' },
  where: { room: 'In the room', remote: 'Remote' },
  phases: { listening: 'Listening', discussion: 'Discussion', scenarios: 'Scenarios', priorities: 'Priorities', codesign: 'Co-design' },
};

const it: ExportStrings = {
  locale: 'it-IT',
  date: 'Data',
  exported: 'Esportato',
  participants: 'Partecipanti',
  contributors: 'Persone che hanno contribuito',
  bySector: 'Per settore',
  byWhere: 'In sala / da remoto',
  whereUnknown: 'non indicato',
  prompts: 'Domande',
  notesByScenario: 'Note per scenario',
  noScenario: 'Fuori dagli scenari',
  noNotes: 'Nessuna nota.',
  facilitator: 'Facilitatore',
  byOrigin: 'Note per provenienza',
  commentsByOrigin: 'Commenti per provenienza',
  reactionsByOrigin: 'Reazioni per provenienza',
  inMeeting: 'In incontro',
  inConsultation: (opened) => `Nella consultazione aperta il ${opened}`,
  priorities: 'Priorità',
  noVotes: 'Nessun voto ancora rivelato.',
  roundLine: (round, voters, dots) => `Turno ${round}: ${voters} ${voters === 1 ? 'votante' : 'votanti'}, ${dots} ${dots === 1 ? 'punto' : 'punti'}.`,
  openTally: (voters, dots) => `Voto palese in corso: ${voters} ${voters === 1 ? 'votante' : 'votanti'}, ${dots} ${dots === 1 ? 'punto' : 'punti'}.`,
  rank: 'Posizione',
  item: 'Voce',
  dots: 'Punti',
  bridging: 'Condivisione tra settori',
  guardHidden: (k) => `«nascosto»: meno di ${k} persone di quel settore hanno votato la voce, quindi la sua parte non è mostrata (il totale conta tutti).`,
  guarded: 'nascosto',
  actionPlan: 'Piano d’azione',
  noActions: 'Nessuna scheda d’azione.',
  answers: 'Risponde a',
  objective: 'Obiettivo',
  actions: 'Azioni',
  resources: 'Risorse',
  timeline: 'Tempi',
  lead: 'Capofila',
  partners: 'Partner',
  commitments: 'Impegni',
  notCommitted: 'non ancora',
  none: '—',
  comment: 'Commento',
  fromConsultation: 'consultazione',
  reply: 'Risposta',
  edited: 'modificato',
  reactions: { agree: 'D’accordo', important: 'Importante', question: 'Domanda' },
  sectors: { public: 'Pubblico', private: 'Privato', civil: 'Società civile', other: 'Altro' },
  where: { room: 'In sala', remote: 'Da remoto' },
  phases: { listening: 'Ascolto', discussion: 'Discussione', scenarios: 'Scenari', priorities: 'Priorità', codesign: 'Co-progettazione' },
};

export const EXPORT_STRINGS: Record<ExportLanguage, ExportStrings> = { en, it };
