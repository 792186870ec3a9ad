/** Colours a person gets in presence and cursors, derived from their id so
 * every peer picks the same one without coordination. */
const PERSON_COLORS = ['#d9480f', '#5f3dc4', '#0b7285', '#c2255c', '#2b8a3e', '#1864ab', '#e67700', '#862e9c'] as const;

export function personColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PERSON_COLORS[h % PERSON_COLORS.length] ?? PERSON_COLORS[0];
}
