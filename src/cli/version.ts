import { createRequire } from 'node:module';

/** The package's name and version, read from package.json (two levels above both src/cli and dist/cli). */
export const toolInfo: { name: string; version: string } = (() => {
  const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();
