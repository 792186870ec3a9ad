/**
 * Checks a Yjs update before it may touch a room. Decoding the structs and
 * the delete set catches truncated and garbled updates up front, so a bad
 * client is refused instead of half-applied. Roles and schema checks build
 * on the decoded form.
 */
import * as Y from 'yjs';

export class RejectedUpdate extends Error {}

export function decodeUpdateOrThrow(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  try {
    return Y.decodeUpdate(update);
  } catch (err) {
    throw new RejectedUpdate(`undecodable Yjs update: ${(err as Error).message}`);
  }
}
