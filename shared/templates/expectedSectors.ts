/**
 * The sectors a network expects at its table (session `expectedSectors`),
 * set by a template and kept when the board is saved as a template again.
 */
import type * as Y from 'yjs';
import { SECTORS, SessionFields, checked, readOr, type Sector } from '../documentSchemas';
import { sessionOf } from '../schema';

export const EXPECTED_SECTORS_KEY = 'expectedSectors';

/** Every sector when a board never said: a blank board expects anyone. */
export function readExpectedSectors(doc: Y.Doc): Sector[] {
  return readOr(SessionFields.expectedSectors, sessionOf(doc).get(EXPECTED_SECTORS_KEY), [...SECTORS]);
}

export function setExpectedSectors(doc: Y.Doc, sectors: readonly Sector[]): void {
  const unique = SECTORS.filter((s) => sectors.includes(s));
  sessionOf(doc).set(EXPECTED_SECTORS_KEY, checked(SessionFields.expectedSectors, unique, EXPECTED_SECTORS_KEY));
}
