/**
 * axe-core in a real page: WCAG 2.1 A and AA rules over whatever the page
 * shows now. `auditPage` returns one line per failing element (rule, the
 * element's selector, what to fix), so a test's `expect(...).toEqual([])`
 * prints exactly what broke; it also remembers which rules ran, for the
 * suite to print once.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * WCAG 2.1 rules axe ships as experimental (off unless named): 2.5.3 "label
 * in name" is one, and speech-input users depend on it.
 */
const EXPERIMENTAL_RULES = ['label-content-name-mismatch'];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeRuleResult {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}
interface AxeResults {
  violations: AxeRuleResult[];
  passes: AxeRuleResult[];
  incomplete: AxeRuleResult[];
  inapplicable: AxeRuleResult[];
}

const rulesChecked = new Set<string>();

/** Every rule id any audit in this process ran, sorted. */
export const checkedRules = (): string[] => [...rulesChecked].sort();

/**
 * Runs axe over `page` and returns its violations as readable lines
 * (`label › rule (impact) › selector › summary`); empty when clean.
 */
export async function auditPage(page: Page, label: string): Promise<string[]> {
  // Evaluated rather than added as a <script>: the app's CSP (script-src 'self') refuses inline scripts, rightly.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    async ({ tags, experimental }) => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe;
      return (await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        rules: Object.fromEntries(experimental.map((id) => [id, { enabled: true }])),
        resultTypes: ['violations'],
      })) as unknown;
    },
    { tags: WCAG_AA_TAGS, experimental: EXPERIMENTAL_RULES },
  );
  const { violations, passes, incomplete, inapplicable } = results as AxeResults;
  for (const r of [...violations, ...passes, ...incomplete, ...inapplicable]) rulesChecked.add(r.id);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${label} › ${v.id} (${v.impact ?? 'n/a'}) › ${n.target.map(String).join(' ')} › ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`),
  );
}
