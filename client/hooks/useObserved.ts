/**
 * The one bridge from Yjs to React: `useSyncExternalStore` over a stable
 * subscribe function, with a cached snapshot that is recomputed only after
 * the source changed and kept (same reference) when `isEqual` says nothing
 * visible moved. Components therefore re-render only for their own data.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';

type Subscribe = (onChange: () => void) => () => void;

interface Cache<T> {
  subscribe: Subscribe | null;
  stale: boolean;
  value: T | undefined;
}

export function useObserved<T>(subscribe: Subscribe, read: () => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const readRef = useRef(read);
  readRef.current = read;
  const equalRef = useRef(isEqual);
  equalRef.current = isEqual;
  const cache = useRef<Cache<T>>({ subscribe: null, stale: true, value: undefined });

  const getSnapshot = useCallback((): T => {
    const c = cache.current;
    if (c.stale || c.subscribe !== subscribe) {
      const next = readRef.current();
      c.value = c.value !== undefined && c.subscribe === subscribe && equalRef.current(c.value, next) ? c.value : next;
      c.subscribe = subscribe;
      c.stale = false;
    }
    return c.value as T;
  }, [subscribe]);

  const sub = useCallback(
    (onChange: () => void) => {
      // A change between render and this subscription fired no event for us:
      // React reads the snapshot again right after subscribing, so make that
      // read a real one (a remote sync landing in that gap once left a
      // freshly opened board empty until the next edit).
      cache.current.stale = true;
      return subscribe(() => {
        cache.current.stale = true;
        onChange();
      });
    },
    [subscribe],
  );

  return useSyncExternalStore(sub, getSnapshot, getSnapshot);
}

export const shallowEqual = <T extends object>(a: T, b: T): boolean => {
  if (a === b) return true;
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
};

export const arrayEqual = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a === b || (a.length === b.length && a.every((v, i) => Object.is(v, b[i])));
