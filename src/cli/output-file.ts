import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { AtomicFile } from '../report/atomic-file.js';

/** Check an --output path: its folder exists, and it is not a folder, device or /proc entry. */
export function checkOutputPath(output: string): string {
  const path = resolve(output);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--output: folder ${dir} does not exist`);
  // Only a regular file is replaced: a device, a folder or a /proc entry never is.
  if (existsSync(path) && !statSync(path).isFile()) {
    throw new UsageError(`--output: ${path} exists and is not a regular file`);
  }
  return path;
}

/** Open the temporary file beside the output now, so an unwritable folder is a usage error before any work. */
export function openOutput(path: string): AtomicFile {
  try {
    return new AtomicFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    throw new UsageError(`--output: cannot write beside ${path} (${code})`);
  }
}
