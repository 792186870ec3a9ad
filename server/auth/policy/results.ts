/**
 * Voting status and revealed rounds: the server writes them on reveal
 * (server/rooms/secretVoting.ts, through the same schemas); no client does,
 * the facilitator included, so results can never be edited by hand.
 */
import { OK, refuse, type RootPolicy } from './types';

export const resultsPolicy: RootPolicy = {
  shape(touches) {
    return touches.length > 0 ? refuse('schema', 'results are written by the server only') : OK;
  },
  rights() {
    return OK;
  },
};
