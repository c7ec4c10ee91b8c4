import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Temporary files not yet committed or discarded: removed if the process exits first (a second
// Ctrl-C, a closed terminal), so no half-written report is left behind, under any name.
const openTempPaths = new Set<string>();
process.on('exit', () => {
  for (const path of openTempPaths) rmSync(path, { force: true });
});

/**
 * A file written through a temporary sibling and renamed into place on commit(), so a crash or
 * Ctrl-C never leaves half a report where the user expects a whole one. Writes are buffered.
 */
export class AtomicFile {
  private readonly tempPath: string;
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(private readonly path: string) {
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.tempPath, 'w', 0o644);
    openTempPaths.add(this.tempPath);
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= 1 << 16) this.flush();
  }

  /** Flush, close and rename into place. */
  commit(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.tempPath, this.path);
    openTempPaths.delete(this.tempPath);
  }

  /** Throw the partial file away. */
  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tempPath, { force: true });
    openTempPaths.delete(this.tempPath);
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}
