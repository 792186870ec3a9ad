/** What the server's thread and a suggestion worker say to each other: plain data only, never a Y.Doc. */
import type { SuggestSnapshot, Suggestions } from '../../shared/suggest/board';

export interface SuggestRequest {
  jobId: number;
  snapshot: SuggestSnapshot;
}

export type SuggestReply = { jobId: number; ok: true; suggestions: Suggestions } | { jobId: number; ok: false; message: string };
