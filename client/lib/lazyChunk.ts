/**
 * Code that the first notes on screen do not need (other routes and views,
 * panels, dialogs, import, export, QR codes, suggestions) lives in chunks of
 * its own, so the entry script a board waits for is smaller. A chunk is
 * fetched the first time its component renders, and every chunk once the
 * board is synced and the page is idle: what worked offline once the page
 * had loaded still does.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const loaders = new Set<() => Promise<unknown>>();

/**
 * A named export of a module as a React.lazy component. `any` props: the
 * constraint React's own `lazy` uses, so any component fits; its real props
 * are kept in `M[K]`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  loaders.add(load);
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Idle time is enough; a browser without requestIdleCallback waits this long instead. */
const IDLE_FALLBACK_MS = 1000;
let preloaded = false;

/** Fetches every lazy chunk once, when the page is next idle. */
export function preloadLazyChunks(): void {
  if (preloaded) return;
  preloaded = true;
  const run = (): void => {
    for (const load of loaders) void load().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_FALLBACK_MS * 5 });
  else setTimeout(run, IDLE_FALLBACK_MS);
}
