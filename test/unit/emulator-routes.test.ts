import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backupRoutes } from '../../src/emulator/services/backup/routes.js';

/** The shared model extract sits beside the repository (read-only). */
const bindingsFile = fileURLToPath(new URL('../../../shared/aws-models/http-bindings.json', import.meta.url));

describe.skipIf(!existsSync(bindingsFile))('Backup routes', () => {
  it('use the method and pathRegex of the Backup model', () => {
    const model = JSON.parse(readFileSync(bindingsFile, 'utf8')) as {
      backup: { operations: Record<string, { method: string; pathRegex: string }> };
    };
    for (const route of backupRoutes) {
      const op = model.backup.operations[route.operation];
      expect(op, route.operation).toBeDefined();
      expect(route.method).toBe(op?.method);
      expect(route.path.source.replaceAll('\\/', '/')).toBe(op?.pathRegex.replaceAll('(?P<', '(?<'));
    }
  });
});
