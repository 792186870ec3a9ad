/**
 * The write policy every incoming update passes (after updateInspector.ts
 * lists what it touches). One policy per document root lives in ./policy/,
 * in a table keyed by the root names of shared/documentSchemas.ts; the
 * values are checked with the same zod schemas the readers and the server's
 * own writes use. Anything not recognised is refused, whole.
 */
export { checkUpdate, DEFAULT_POLICY_LIMITS, type Actor, type PolicyContext, type PolicyLimits, type RefusalReason, type Verdict } from './policy/index';
