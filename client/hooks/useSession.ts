/** The facilitator's settings: title and dots per person. */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { sessionOf, type SessionView } from '../../shared/schema';
import { getSession } from '../../shared/session';
import { shallowEqual, useObserved } from './useObserved';

export function useSession(doc: Y.Doc): SessionView {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const session = sessionOf(doc);
      session.observe(onChange);
      return () => session.unobserve(onChange);
    },
    [doc],
  );
  return useObserved(subscribe, () => getSession(doc), shallowEqual);
}
