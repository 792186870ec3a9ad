/**
 * Projector PCs often have no emoji font: an emoji used as an icon shows as
 * an empty box there. The UI draws its icons itself (client/components/icons.tsx),
 * so no emoji may appear in the client's code or in its strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../client');
/** Pictographs outside the Basic Multilingual Plane (🔑 🔒 …) and the emoji presentation selector. */
const EMOJI = /[\u{1F000}-\u{1FAFF}]|\u{FE0F}/u;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(tsx?|json|css|html)$/.test(e.name) ? [p] : [];
  });
}

describe('client icons', () => {
  it('uses no emoji anywhere in the client, so nothing renders as an empty box', () => {
    const found: string[] = [];
    for (const file of filesUnder(root)) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = EMOJI.exec(line);
          if (m) found.push(`${path.relative(root, file)}:${i + 1} ${m[0]}`);
        });
    }
    expect(found).toEqual([]);
  });
});
