/** The facilitator's settings: one plain value per known key, changed by the facilitator alone. */
import { isSessionKey, SessionFields } from '../../../shared/documentSchemas';
import { plainValue } from './checks';
import { OK, refuse, type RealTouch, type RootPolicy, type Verdict } from './types';

function touchShape(t: RealTouch): Verdict {
  const [key, ...deeper] = t.path;
  if (key === undefined || deeper.length > 0 || !isSessionKey(key)) return refuse('schema', `unknown session key "${String(key).slice(0, 40)}"`);
  return plainValue(t, SessionFields[key], key);
}

export const sessionPolicy: RootPolicy = {
  shape(touches) {
    for (const t of touches) {
      const v = touchShape(t);
      if (!v.ok) return v;
    }
    return OK;
  },
  rights(touches) {
    return touches.length > 0 ? refuse('facilitator-only', 'only the facilitator changes the session') : OK;
  },
};
