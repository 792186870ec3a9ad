/**
 * Moderation for open consultations, as it crosses the wire: what a
 * facilitator may do to an item and what the moderation queue lists. Items
 * are named by kind and id; each kind has a target on the server
 * (server/rooms/moderation.ts for notes, commentModeration.ts for comments).
 */
import { z } from 'zod';
import { MAX_NAME_LENGTH, MAX_NOTE_TEXT, SectorSchema } from './documentSchemas';

export const MODERATED_KINDS = ['note', 'comment'] as const;
export type ModeratedKind = (typeof MODERATED_KINDS)[number];
/** approve/reject: an item waiting under pre-moderation; hide/restore: an item on the board. */
export const MODERATION_ACTIONS = ['approve', 'reject', 'hide', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** One item as the facilitator reviews it: who wrote it, and what. */
export const ModeratedItemSchema = z.object({
  kind: z.enum(MODERATED_KINDS),
  id: z.string().min(1).max(64),
  authorId: z.string().max(64),
  authorName: z.string().max(MAX_NAME_LENGTH),
  sector: SectorSchema,
  text: z.string().max(MAX_NOTE_TEXT),
  createdAt: z.number(),
  /** Words of the profanity lists found in the text (shared/profanity.ts); empty when none. */
  flags: z.array(z.string().max(80)).max(20),
});
export type ModeratedItem = z.infer<typeof ModeratedItemSchema>;
