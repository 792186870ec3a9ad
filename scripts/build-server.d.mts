export const SERVER_ENTRIES: string[];
export function bundleServer(opts?: { root?: string; outdir?: string; entries?: string[] }): Promise<string>;
