/**
 * Saved versions of a board (version history): what the versions API sends
 * and takes. A version is the whole board as it was; its bytes travel as
 * base64 of one Yjs update, which the client opens read-only or restores.
 */
import { z } from 'zod';
import { ITEM_ID_PATTERN } from './ids';
import { PHASES } from './phases';

export const MAX_VERSION_NAME = 80;

/** Why a version was saved: a phase ended, the facilitator asked, or a restore was about to replace the board. */
export const VERSION_REASONS = ['phase', 'manual', 'restore'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

export const VersionInfo = z
  .object({
    id: z.string().regex(ITEM_ID_PATTERN),
    name: z.string().max(MAX_VERSION_NAME),
    createdAt: z.number(),
    /** The phase the board was in (for a phase change: the phase that ended). */
    phase: z.enum(PHASES),
    reason: z.enum(VERSION_REASONS),
  })
  .strict();
export type VersionInfo = z.infer<typeof VersionInfo>;

export const SaveVersionBody = z
  .object({
    name: z.string().trim().min(1).max(MAX_VERSION_NAME),
    /** 'restore': saved by the client right before it restores another version. */
    reason: z.enum(['manual', 'restore']).optional(),
  })
  .strict();
export type SaveVersionBody = z.infer<typeof SaveVersionBody>;

export const VersionList = z.object({ versions: z.array(VersionInfo) });
export type VersionList = z.infer<typeof VersionList>;

export const VersionResponse = z.object({ version: VersionInfo, update: z.string() });
export type VersionResponse = z.infer<typeof VersionResponse>;
