/**
 * Imported first by main.tsx: the page's CSP forbids eval, so zod must not
 * even probe for it (the probe is reported as a CSP violation). Schemas
 * parse a little slower without zod's JIT, which no screen notices.
 */
import { z } from 'zod';

z.config({ jitless: true });
