/**
 * Counts how often each note card renders, in the production build, from
 * outside the app: a stand-in React DevTools hook (installed before React
 * loads) sees every commit; a card rendered in it when its component's hook
 * list is a new object since the last commit (a bail-out keeps the old one).
 * The card's component is the one whose output is the `[data-note-id]`
 * element. Not a timing: a re-render of a card that did not change is what
 * made a drag slow on a large board.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** A string, not a function: tsx's function-name helper does not exist in the page. */
const INSTALL = `(() => {
  const seen = new Map();
  const counts = new Map();
  const visit = (root) => {
    const stack = [root.current];
    while (stack.length) {
      const fiber = stack.pop();
      if (fiber.child) stack.push(fiber.child);
      if (fiber.sibling) stack.push(fiber.sibling);
      const el = fiber.stateNode;
      if (fiber.tag !== 5 || !el || !el.getAttribute || !el.hasAttribute('data-note-id') || !fiber.return) continue;
      const id = el.getAttribute('data-note-id');
      const state = fiber.return.memoizedState;
      if (seen.has(id) && seen.get(id) !== state) counts.set(id, (counts.get(id) || 0) + 1);
      seen.set(id, state);
    }
  };
  window.__noteRenders = {
    read: () => Object.fromEntries(counts),
    reset: () => counts.clear(),
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberRoot: (_id, root) => visit(root),
    onPostCommitFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
  };
})();`;

/** Installs the counter in every page of a context opened after this. */
export async function countNoteRenders(context: BrowserContext): Promise<void> {
  await context.addInitScript(INSTALL);
}

/** Renders per note id since the last reset (a note absent rendered none). */
export const noteRenders = (page: Page): Promise<Record<string, number>> =>
  page.evaluate('window.__noteRenders.read()') as Promise<Record<string, number>>;

export const resetNoteRenders = (page: Page): Promise<void> => page.evaluate('window.__noteRenders.reset()') as Promise<void>;
