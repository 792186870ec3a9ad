/** The facilitator's settings: one plain value per known key, changed by the facilitator alone. */
import { isSessionKey, SERVER_SESSION_KEYS, SessionFields } from '../../../shared/documentSchemas';
import { plainValue } from './checks';
import { OK, refuse, type RealTouch, type RootPolicy, type Verdict } from './types';

function touchShape(t: RealTouch): Verdict {
  const [key, ...deeper] = t.path;
  if (key === undefined || deeper.length > 0 || !isSessionKey(key)) return refuse('schema', `unknown session key "${String(key).slice(0, 40)}"`);
  // The consultation window comes with its deadline's schedule: only the server writes both.
  if (SERVER_SESSION_KEYS.has(key)) return refuse('facilitator-only', `"${key}" is written by the server: open consultations through it`);
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
