/**
 * WCAG 2.x contrast, computed from the colours the style sheets declare:
 * sRGB hex parsing, CSS `color-mix(in srgb, …)` (a plain per-channel blend
 * of the encoded values), relative luminance and the contrast ratio. Pure,
 * so a unit test can hold every colour token to 4.5:1.
 */
export type Rgb = readonly [number, number, number];

export const WHITE: Rgb = [255, 255, 255];
export const BLACK: Rgb = [0, 0, 0];
/** WCAG 1.4.3 AA for normal text. */
export const AA_TEXT = 4.5;

export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** `color-mix(in srgb, a p%, b)`: p% of `a`, the rest of `b`. */
export function mix(a: Rgb, percent: number, b: Rgb): Rgb {
  const p = percent / 100;
  return [0, 1, 2].map((i) => a[i]! * p + b[i]! * (1 - p)) as unknown as Rgb;
}

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export const luminance = ([r, g, b]: Rgb): number => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
