/**
 * Imported by main.tsx right after the zod set-up and before React and the
 * screens, so the board's identity request (lib/identityPrefetch.ts), and
 * then its socket (lib/earlySession.ts), are on the wire while the rest of
 * the app is evaluated and first rendered.
 */
import { prefetchIdentity } from './lib/identityPrefetch';

prefetchIdentity();
