/** Zod schemas for everything that crosses HTTP, shared by server and client. */
import { z } from 'zod';
import { MAX_TITLE_LENGTH } from './schema';
import { BoardExport } from './export/boardJson';
import { TemplateChoiceFields } from './templates/api';

/** `template`/`templateFile` and `language`: start from a template (shared/templates/api.ts). */
export const CreateRoomBody = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    /** A board exported from another room (GET …/export?format=json): the new room starts as that board. */
    from: BoardExport.optional(),
    ...TemplateChoiceFields,
  })
  .strict();
export type CreateRoomBody = z.infer<typeof CreateRoomBody>;

const PerRole = z.object({ facilitator: z.string(), participant: z.string(), observer: z.string() });

/** Link tokens are shown once, here; the server keeps only their hashes. */
export const CreateRoomResponse = z.object({
  roomId: z.string(),
  tokens: PerRole,
  links: PerRole.extend({ join: z.string() }),
  /** The short participant code behind links.join (`/j/<code>`). */
  joinCode: z.string(),
});

/** POST /api/join { code } → { roomId }: resolves a projector's short join code. */
export const JoinBody = z.object({ code: z.string().min(1).max(40) }).strict();
export const JoinResponse = z.object({ roomId: z.string() });
export type CreateRoomResponse = z.infer<typeof CreateRoomResponse>;

/** GET /api/rooms/:roomId/join-code with the facilitator's or observer's token: what the projector shows. */
export const JoinCodeResponse = z.object({ joinCode: z.string(), link: z.string() });
export type JoinCodeResponse = z.infer<typeof JoinCodeResponse>;

export const RoomInfo = z.object({
  roomId: z.string(),
  title: z.string(),
  createdAt: z.number(),
  notes: z.number(),
  scenarios: z.number(),
  voters: z.number(),
  connections: z.number(),
});
export type RoomInfo = z.infer<typeof RoomInfo>;

export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;

/** Close codes the sync endpoint uses beyond the standard ones. */
export const CLOSE_ROOM_NOT_FOUND = 4404;
export const CLOSE_UNAUTHORIZED = 4401;
/** The facilitator deleted the workshop: its links now answer 404. */
export const CLOSE_ROOM_DELETED = 4410;

/** POST /api/rooms/:roomId/identity with `Authorization: Bearer <link token>`. */
export const IdentityResponse = z.object({
  role: z.enum(['facilitator', 'participant', 'observer']),
  participantId: z.string().nullable(),
  identityToken: z.string().nullable(),
});
export type IdentityResponse = z.infer<typeof IdentityResponse>;

/** The private drafts document of the connecting participant: `/sync/${roomId}${DRAFTS_SUFFIX}`. */
export const DRAFTS_SUFFIX = '~drafts';
export type JoinResponse = z.infer<typeof JoinResponse>;
