/**
 * What a page shows of the board's note cards, by their boxes on screen: for
 * tests that check that no two notes overlap, on every screen.
 */
import type { Page } from 'playwright-core';

export interface Card {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The board cards a page shows (not drafts), with their boxes on screen. */
export const boardCards = (page: Page): Promise<Card[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.canvas [data-note-id]:not([data-draft])')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.dataset.noteId ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );

export const overlap = (a: Card, b: Card): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every pair of cards whose boxes overlap, as "idA×idB". */
export function overlappingPairs(cards: Card[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) if (overlap(cards[i]!, cards[j]!)) out.push(`${cards[i]!.id}×${cards[j]!.id}`);
  return out;
}
