/**
 * Text contrast of the colour tokens, computed from the style sheets
 * themselves: the sector badges (board, phone, projector), the scenario
 * count pill and name, the timer's states and the current phase. A token or
 * a mix changed below 4.5:1 fails here before any browser runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, BLACK, WHITE, contrastRatio, mix, parseHex, type Rgb } from '../../../../client/lib/contrast';

const styles = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../client/styles');
const css = (file: string): string => fs.readFileSync(path.join(styles, file), 'utf8');

/** The declarations of the first rule whose selector is exactly `selector`. */
function rule(sheet: string, selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(sheet);
  if (!m) throw new Error(`no rule for ${selector}`);
  return m[1]!;
}

function declaration(block: string, property: string): string {
  const m = new RegExp(`(?:^|[;\\s])${property.replace(/[-]/g, '\\-')}\\s*:\\s*([^;]+);`).exec(block);
  if (!m) throw new Error(`no ${property} in { ${block.trim()} }`);
  return m[1]!.trim();
}

/** `color-mix(in srgb, var(--x) N%, white|black)` applied to `base`, or a plain hex. */
function resolve(value: string, base: Rgb | null = null): Rgb {
  const m = /^color-mix\(in srgb, var\(--[\w-]+\) (\d+(?:\.\d+)?)%, (white|black)\)$/.exec(value);
  if (m) {
    if (!base) throw new Error(`a mix needs its base colour: ${value}`);
    return mix(base, Number(m[1]), m[2] === 'white' ? WHITE : BLACK);
  }
  return parseHex(value);
}

const base = css('base.css');
const frames = css('ScenarioFrame.css');
const session = css('Session.css');
const root = rule(base, ':root');
const token = (name: string): Rgb => parseHex(declaration(root, `--${name}`));

const ratio = (fg: Rgb, bg: Rgb): number => Math.round(contrastRatio(fg, bg) * 100) / 100;

describe('colour contrast of the tokens (WCAG 1.4.3, 4.5:1)', () => {
  it('computes the WCAG ratio: black on white is 21, a colour on itself 1', () => {
    expect(ratio(BLACK, WHITE)).toBe(21);
    expect(ratio(parseHex('#c77700'), parseHex('#c77700'))).toBe(1);
    // The audit's own figure for the old Private badge: #c77700 on its 12% tint.
    expect(ratio(parseHex('#c77700'), mix(parseHex('#c77700'), 12, WHITE))).toBeCloseTo(3.03, 1);
  });

  it('every sector badge, and the facilitator badge, reads at 4.5:1 or more', () => {
    const badge = rule(base, '.sector-badge');
    const sectors: Record<string, Rgb> = {
      public: token('sector-public'),
      private: token('sector-private'),
      civil: token('sector-civil'),
      other: token('sector-other'),
      facilitator: parseHex(declaration(rule(base, '.sector-facilitator'), '--sector')),
    };
    const failing = Object.entries(sectors)
      .map(([name, sector]) => [name, ratio(resolve(declaration(badge, 'color'), sector), resolve(declaration(badge, 'background'), sector))] as const)
      .filter(([, r]) => r < AA_TEXT);
    expect(failing).toEqual([]);
  });

  it('the scenario count pill and the scenario name read at 4.5:1 or more on every frame colour', () => {
    const colours = [...frames.matchAll(/\.frame-(\w+)\s*\{\s*--frame:\s*(#[0-9a-f]+);/gi)].map((m) => [m[1]!, parseHex(m[2]!)] as const);
    expect(colours.length).toBeGreaterThanOrEqual(6);
    const pill = rule(frames, '.frame-count');
    const name = rule(frames, '.frame-name');
    const header = rule(frames, '.frame-header');
    const failing = colours.flatMap(([frame, c]) => {
      const count = ratio(resolve(declaration(pill, 'color')), resolve(declaration(pill, 'background'), c));
      const title = ratio(resolve(declaration(name, 'color'), c), resolve(declaration(header, 'background'), c));
      return [...(count < AA_TEXT ? [`count on ${frame}: ${count}`] : []), ...(title < AA_TEXT ? [`name on ${frame}: ${title}`] : [])];
    });
    expect(failing).toEqual([]);
  });

  it('each timer state and the current phase read at 4.5:1 or more', () => {
    const timerDone = parseHex(declaration(rule(session, ':root'), '--timer-done'));
    const pairs: [string, Rgb, Rgb][] = [
      ['timer running', parseHex(declaration(rule(session, '.timer'), 'color')), parseHex(declaration(rule(session, '.timer'), 'background'))],
      ['timer paused', parseHex(declaration(rule(session, '.timer-paused'), 'color')), parseHex(declaration(rule(session, '.timer-paused'), 'background'))],
      ['time is up', parseHex(declaration(rule(session, '.timer-done'), 'color')), timerDone],
      ['current phase', token('accent-ink'), token('accent')],
      ['soft text', token('ink-soft'), token('bg')],
    ];
    expect(pairs.map(([what, fg, bg]) => [what, ratio(fg, bg)]).filter(([, r]) => (r as number) < AA_TEXT)).toEqual([]);
  });

  it("the projector's text reads at 4.5:1 or more in both themes, light and dark", () => {
    const projector = css('Projector.css');
    const light = (name: string): Rgb => (name === 'flag' ? parseHex(declaration(rule(projector, '.projector'), '--flag')) : token(name));
    const darkBlock = rule(projector, ".projector[data-theme='dark']");
    const dark = (name: string): Rgb => parseHex(declaration(darkBlock, `--${name}`));
    // Text token on the surfaces it is drawn on (the rank badge and the pressed language button invert ink and surface).
    const pairs: [string, string][] = [
      ['ink', 'bg'],
      ['ink', 'surface'],
      ['ink-soft', 'bg'],
      ['ink-soft', 'surface'],
      ['surface', 'ink'],
      ['accent-ink', 'accent'],
      ['accent', 'bg'],
      ['flag', 'surface'],
    ];
    const failing = [
      ['light', light],
      ['dark', dark],
    ].flatMap(([theme, colour]) => {
      const of = colour as (name: string) => Rgb;
      return pairs.map(([fg, bg]) => [`${theme as string}: ${fg} on ${bg}`, ratio(of(fg), of(bg))] as const).filter(([, r]) => r < AA_TEXT);
    });
    expect(failing).toEqual([]);
  });
});
