/** All scenario frames. There are tens, not thousands, so a deep observe of
 * the scenarios root is cheap; each frame still memoises on its own view. */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { scenariosOf, type ScenarioView } from '../../shared/schema';
import { listScenarios } from '../../shared/scenarios';
import { useObserved } from './useObserved';

export function useScenarios(doc: Y.Doc): ScenarioView[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const scenarios = scenariosOf(doc);
      scenarios.observeDeep(onChange);
      return () => scenarios.unobserveDeep(onChange);
    },
    [doc],
  );
  return useObserved(subscribe, () => listScenarios(doc));
}
