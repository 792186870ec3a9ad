/**
 * Tavolo's own messages on the sync socket, beside the y-websocket ones:
 * message type 7, then one JSON string. Stock y-websocket clients never
 * receive them unless they say hello first. Every message is validated with
 * these schemas on both ends.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { SECTORS, WHERES } from './schema';
import { MODERATED_KINDS, MODERATION_ACTIONS, ModeratedItemSchema } from './moderation';
import { ConsultationOpensSchema, Finite, MAX_PROMPT_LENGTH, WindowIdSchema } from './documentSchemas';

export const messageControl = 7;

const Sector = z.enum(SECTORS);
const Id = z.string().min(1).max(64);

export const ClientControl = z.discriminatedUnion('t', [
  /** Asks for the welcome (role, identity, server clock). */
  z.object({ t: z.literal('hello') }).strict(),
  /** Answers the facilitator's ready check. */
  z.object({ t: z.literal('ready'), checkId: Id, ready: z.boolean(), name: z.string().max(80), sector: Sector }).strict(),
  /** Facilitator: publish every participant's private notes now. */
  z.object({ t: z.literal('reveal') }).strict(),
  /** Re-measures clock skew. */
  z.object({ t: z.literal('time'), sentAt: z.number() }).strict(),
  /** Secret voting: place (+1) or remove (-1) one dot; the server keeps the ballot. */
  z
    .object({ t: z.literal('vote'), itemId: Id, delta: z.union([z.literal(1), z.literal(-1)]), sector: Sector, where: z.enum(WHERES).optional() })
    .strict(),
  /** Facilitator: publish the current round's results to everyone at once. */
  z.object({ t: z.literal('revealVotes') }).strict(),
  /** Facilitator: start a new round; revealed rounds stay as they are. */
  z.object({ t: z.literal('reopenVoting') }).strict(),
  /** Facilitator: send me the moderation queue now (a panel opening after the last one was sent). */
  z.object({ t: z.literal('moderationQueue') }).strict(),
  /** Facilitator: approve or reject a pending item, hide or restore one on the board. */
  z.object({ t: z.literal('moderate'), action: z.enum(MODERATION_ACTIONS), kind: z.enum(MODERATED_KINDS), id: Id }).strict(),
  /** Facilitator: open a consultation window until `deadline` (server epoch ms); the meeting closes. */
  z
    .object({
      t: z.literal('openConsultation'),
      opens: ConsultationOpensSchema,
      prompt: z.string().max(MAX_PROMPT_LENGTH),
      deadline: Finite,
      autoReveal: z.boolean(),
    })
    .strict(),
  /** Facilitator: move the open window's deadline. */
  z.object({ t: z.literal('extendConsultation'), windowId: WindowIdSchema, deadline: Finite }).strict(),
  /** Facilitator: close the open window now. */
  z.object({ t: z.literal('closeConsultation'), windowId: WindowIdSchema }).strict(),
]);
export type ClientControl = z.infer<typeof ClientControl>;

const Role = z.enum(['facilitator', 'participant', 'observer']);

export const ServerControl = z.discriminatedUnion('t', [
  z.object({ t: z.literal('welcome'), role: Role, participantId: z.string().nullable(), serverNow: z.number() }),
  z.object({ t: z.literal('time'), sentAt: z.number(), serverNow: z.number() }),
  /** The sender's last update was dropped whole; `reason` is an i18n-friendly code. */
  z.object({ t: z.literal('refused'), reason: z.string(), detail: z.string() }),
  /** Facilitators only: who answered the current ready check, with their sector. */
  z.object({
    t: z.literal('readiness'),
    checkId: z.string(),
    ready: z.array(z.object({ participantId: z.string(), name: z.string(), sector: Sector })),
  }),
  /** Drafts published by the facilitator's reveal; under pre-moderation, `pending` more went to the queue instead. */
  z.object({ t: z.literal('revealed'), notes: z.number(), pending: z.number().optional() }),
  /** Your own ballot in the current secret round (sent to each of your devices). */
  z.object({ t: z.literal('ballot'), round: z.number(), dots: z.record(z.string(), z.number()), remaining: z.number() }),
  /** Facilitators only: how many people have voted in the round, never what. */
  z.object({ t: z.literal('voteProgress'), round: z.number(), voters: z.number() }),
  /**
   * Facilitators only: private drafts not yet revealed, counted per author
   * sector (notes, and people with at least one), never their text.
   */
  z.object({
    t: z.literal('drafts'),
    notes: z.number(),
    writers: z.number(),
    bySector: z.record(Sector, z.object({ notes: z.number(), writers: z.number() })),
  }),
  /** A vote the server did not take; the ballot is unchanged. Not a document refusal. */
  z.object({ t: z.literal('voteRefused'), reason: z.string(), detail: z.string() }),
  /** A server limit dropped something this client sent (e.g. presence over its size or rate); the document is untouched. */
  z.object({ t: z.literal('limited'), limit: z.string(), detail: z.string() }),
  /**
   * Facilitators only: the moderation queue. `pending` waits for approval,
   * `flagged` is on the board with words of the profanity lists, `hidden`
   * was taken off the board by a facilitator (its text reaches no one else).
   */
  z.object({
    t: z.literal('moderation'),
    pending: z.array(ModeratedItemSchema),
    flagged: z.array(ModeratedItemSchema),
    hidden: z.array(ModeratedItemSchema),
  }),
  /** To an author: what the facilitator decided about their pending item. */
  z.object({ t: z.literal('moderated'), kind: z.enum(MODERATED_KINDS), id: z.string(), outcome: z.enum(['approved', 'rejected']) }),
  /** To the facilitator: a consultation change the server did not make (deadline past or too far, no such window). */
  z.object({ t: z.literal('consultationRefused'), reason: z.string() }),
  /** To a writer: false while the server holds their change in memory only (storage failing), true once it is stored. */
  z.object({ t: z.literal('saved'), ok: z.boolean() }),
]);
export type ServerControl = z.infer<typeof ServerControl>;

export function encodeControl(msg: ClientControl | ServerControl): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, messageControl);
  encoding.writeVarString(e, JSON.stringify(msg));
  return encoding.toUint8Array(e);
}

/** Reads the JSON after the message type; throws on anything malformed. */
export function readControlPayload(decoder: decoding.Decoder): unknown {
  return JSON.parse(decoding.readVarString(decoder)) as unknown;
}

/**
 * Offset to add to the local clock to get server time, from one round trip:
 * the server's clock is assumed to have been read halfway through it.
 */
export function clockOffset(sentAt: number, serverNow: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}
