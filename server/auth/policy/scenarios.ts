/** Scenarios: named frames, edited by participants only while clustering. */
import { ScenarioFields } from '../../../shared/documentSchemas';
import { scenariosOf } from '../../../shared/schema';
import { entryCount, itemKey, plainValue, wholeMap } from './checks';
import { OK, refuse, type RealTouch, type RootPolicy, type Verdict } from './types';

const SCENARIO_VALUES: Readonly<Record<string, (typeof ScenarioFields)[keyof typeof ScenarioFields]>> = ScenarioFields;

function touchShape(t: RealTouch): Verdict {
  const bad = itemKey(t, 'scenarios');
  if (!bad.ok) return bad;
  const [, key, ...deeper] = t.path;
  if (key === undefined) return wholeMap(t, 'a scenario');
  if (deeper.length > 0) return refuse('schema', 'nesting too deep');
  const schema = Object.hasOwn(SCENARIO_VALUES, key) ? SCENARIO_VALUES[key] : undefined;
  return schema ? plainValue(t, schema, key) : refuse('schema', `unknown key "${key.slice(0, 40)}"`);
}

export const scenariosPolicy: RootPolicy = {
  shape(touches, f) {
    for (const t of touches) {
      const v = touchShape(t);
      if (!v.ok) return v;
    }
    return entryCount(touches, scenariosOf(f.ctx.doc), f.limits.maxScenarios, 'scenarios');
  },
  rights(touches, f) {
    return touches.length > 0 && !f.rights.cluster ? refuse('phase', 'scenarios are edited in the Scenarios phase') : OK;
  },
};
