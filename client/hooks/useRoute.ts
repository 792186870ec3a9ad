/**
 * The current route, following pushState navigation, back/forward, and a
 * new link pasted into the address bar. A link for the page already open
 * changes only the fragment (`#t=…`): that fires `hashchange` alone, and
 * the page must take the new link then, not after a reload.
 */
import { useSyncExternalStore } from 'react';
import { readFragment } from '../lib/access';
import { NAVIGATE_EVENT, parseRoute, type Route } from '../lib/route';

/** Bumped each time a new link (a fragment with a token or join code) arrives without a page load. */
let linkGeneration = 0;

const onHashChange = (): void => {
  const f = readFragment(window.location.hash);
  if (f.token || f.join) linkGeneration++;
};

const subscribe = (onChange: () => void): (() => void) => {
  const onHash = (): void => {
    onHashChange();
    onChange();
  };
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  window.addEventListener('hashchange', onHash);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
    window.removeEventListener('hashchange', onHash);
  };
};

const getLocation = (): string => `${linkGeneration}:${window.location.pathname}`;

export interface CurrentRoute {
  route: Route;
  /** Which link the page was given: a room view keyed by it starts over with the new link. */
  link: number;
}

export function useRoute(): CurrentRoute {
  const location = useSyncExternalStore(subscribe, getLocation, getLocation);
  const colon = location.indexOf(':');
  return { route: parseRoute(location.slice(colon + 1)), link: Number(location.slice(0, colon)) };
}
