/**
 * The participant's drafts document, where their comments go to wait for
 * approval under pre-moderation (server/rooms/commentModeration.ts); null
 * for every other role. Its own context rather than a field of the board's,
 * so a comment thread can reach it from under a board or a drafts subtree.
 */
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';

export const CommentDraftsContext = createContext<Y.Doc | null>(null);

export const useCommentDrafts = (): Y.Doc | null => useContext(CommentDraftsContext);
