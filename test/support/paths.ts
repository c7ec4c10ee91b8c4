import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The built CLI entry; `npm test` builds first (pretest). */
export const cliPath = resolve(repoRoot, 'dist/cli/main.js');

/** ../shared beside the checkout (CI lays a copy there too). */
export const sharedDir = resolve(repoRoot, '../shared');

/** Fail loudly, not silently skip, when the build or shared/ is missing. */
export function requireFile(path: string, hint: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  return path;
}
