import { describe, expect, it } from 'vitest';
import { loadResources } from '../../../client/i18n/resources';

type Tree = { [key: string]: string | Tree };

const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

const valueAt = (tree: Tree, key: string): string => {
  let node: string | Tree = tree;
  for (const part of key.split('.')) node = (node as Tree)[part]!;
  return node as string;
};

describe('translations', () => {
  const { en, it: italian } = loadResources() as { en: Tree; it: Tree };

  it('English and Italian define the same keys', () => {
    expect(keysOf(italian).sort()).toEqual(keysOf(en).sort());
  });

  it('every Italian string uses the same placeholders as its English one', () => {
    const mismatched = keysOf(en).filter((k) => placeholders(valueAt(en, k)).join() !== placeholders(valueAt(italian, k)).join());
    expect(mismatched).toEqual([]);
  });
});
