/**
 * Browser steps for dot-voting and co-design, shared by the priorities
 * tests and the screenshot script: place dots on an item (board card or
 * phone row alike), read what a results view shows, reveal a round.
 */
import type { Page } from 'playwright-core';

/** Places `times` dots on an item, waiting after each for the server's ballot to count it. */
export async function placeDots(page: Page, itemId: string, times: number): Promise<void> {
  const item = page.locator(`[data-note-id="${itemId}"], [data-scenario-frame="${itemId}"]`).first();
  const before = Number((await item.locator('[data-my-dots]').getAttribute('data-my-dots')) ?? '0');
  const add = item.getByRole('button', { name: 'Add dot' });
  for (let i = 1; i <= times; i++) {
    // Focus first, as a keyboard user would: the board pans to show the item
    // whole above the toolbar (useFocusPan). A click alone lets the browser
    // scroll it just to the canvas edge, under the toolbar on a short screen.
    await add.focus();
    await add.click();
    await item.locator(`[data-my-dots="${before + i}"]`).waitFor();
  }
}

/** The facilitator sets a voting setting in the facilitation panel. */
export async function setVotingField(facilitator: Page, label: string, value: string): Promise<void> {
  const field = facilitator.getByLabel(label);
  await field.fill(value);
  await facilitator.waitForFunction(
    ([l, v]) => [...document.querySelectorAll('label')].some((el) => el.textContent?.includes(l) && el.querySelector('input')?.value === v),
    [label, value] as const,
  );
}

export interface ShownItem {
  id: string;
  rank: number;
  dots: number;
  /** Null where the item's derived figures are withheld by the anonymity guard. */
  bridging: number | null;
  divergent: boolean;
  /** Dots per sector as the bar shows them; `hidden` is the guarded part. */
  bySector: Record<string, number>;
}

/** What the first results view on the page shows, top to bottom. */
export function shownResults(page: Page, scope = '.results-view'): Promise<ShownItem[]> {
  return page.locator(scope).first().evaluate((view) =>
    [...view.querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => {
      const bySector: Record<string, number> = {};
      li.querySelectorAll<HTMLElement>('[data-sector-dots]').forEach((seg) => (bySector[seg.dataset.sectorDots ?? ''] = Number(seg.dataset.count)));
      const hidden = li.querySelector<HTMLElement>('[data-hidden-dots]');
      if (hidden) bySector.hidden = Number(hidden.dataset.hiddenDots);
      return {
        id: li.dataset.itemId ?? '',
        rank: Number(li.dataset.rank),
        dots: Number(li.dataset.dots),
        bridging: li.dataset.bridging ? Number(li.dataset.bridging) : null,
        divergent: li.dataset.divergent === 'true',
        bySector,
      };
    }),
  );
}

/**
 * The facilitator reveals the round; resolves once their own screen shows it
 * revealed. When few have voted the panel asks first; `anyway` answers yes.
 */
export async function revealResults(facilitator: Page, { anyway = false }: { anyway?: boolean } = {}): Promise<void> {
  await facilitator.getByRole('button', { name: 'Reveal results' }).click();
  if (anyway) await facilitator.getByRole('button', { name: 'Reveal anyway' }).click();
  await facilitator.locator('[data-voting-state="revealed"]').first().waitFor();
}
