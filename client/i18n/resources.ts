/**
 * The strings of each language, one JSON file per feature under
 * `client/i18n/<language>/`, merged into one translation. Features own their
 * file, so two features never edit the same one; a key defined twice is a
 * mistake and throws at start-up (and in test/unit/client/i18n.test.ts).
 */
type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('./*/*.json', { eager: true, import: 'default' });

function mergeInto(target: Tree, source: Tree, where: string): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing === undefined) target[key] = typeof value === 'string' ? value : structuredClone(value);
    else if (typeof existing === 'object' && typeof value === 'object') mergeInto(existing, value, `${where}.${key}`);
    else throw new Error(`i18n: "${where}.${key}" is defined twice`);
  }
}

/** language -> merged translation tree */
export function loadResources(): Record<string, Tree> {
  const byLanguage: Record<string, Tree> = {};
  for (const [path, tree] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const language = path.split('/')[1]!;
    mergeInto((byLanguage[language] ??= {}), tree, language);
  }
  return byLanguage;
}
