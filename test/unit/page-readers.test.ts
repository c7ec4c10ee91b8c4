/**
 * Page-reader threads give the same summaries and items as reading inline, leave Node's shared
 * buffer pool alone, and read pages inline when their threads are gone instead of hanging.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pageReaders, type PageReaders } from '../../src/collect/page-readers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, requireFile } from '../support/paths.js';

// The thread script as built into dist/ (npm test builds first).
const script = pathToFileURL(
  requireFile(`${repoRoot}/dist/collect/page-reader-thread.js`, 'run npm run build (npm test does)'),
);
const arn = (n: number) => `arn:aws:backup:us-east-1:111122223333:recovery-point:rp-${n}`;
const pageBody = (n: number) =>
  Buffer.from(
    JSON.stringify({
      RecoveryPoints: Array.from({ length: n }, (_, i) => ({
        RecoveryPointArn: arn(i),
        IsEncrypted: i % 3 !== 0,
      })),
      NextToken: 'next',
    }),
  );

let open: PageReaders[] = [];
afterEach(async () => {
  await Promise.all(open.map((r) => r.close()));
  open = [];
});
const make = (threads: number, at = script) => {
  const readers = pageReaders(threads, { script: at });
  open.push(readers);
  return readers;
};

describe('page readers', () => {
  it('read the same summaries and items on threads as inline', async () => {
    const threaded = make(2);
    const inline = make(0);
    expect([threaded.threads, inline.threads]).toEqual([2, 0]);
    for (const n of [0, 1, 999]) {
      const [a, b] = await Promise.all([threaded.read(pageBody(n)), inline.read(pageBody(n))]);
      expect(a.summary).toEqual(b.summary);
      expect(await a.take([0])).toEqual(await b.take([0]));
    }
  });

  it('copy a small body out of the shared pool instead of taking the pool away', async () => {
    const readers = make(1);
    const small = Buffer.from('{"RecoveryPoints":[]}'); // from Node's shared pool
    const neighbour = Buffer.from('still here');
    expect(small.buffer).toBe(neighbour.buffer);
    const page = await readers.read(small);
    page.release();
    expect(page.summary.list).toBe('array');
    expect(neighbour.toString()).toBe('still here');
    expect(small.byteLength).toBe(21);
  });

  it('by default use the threads only while the main thread is busy', async () => {
    const readers = pageReaders(1, { script, onlyWhenBusy: true });
    open.push(readers);
    // Idle: read inline, so the bytes stay here (a thread would have taken them).
    const idleBody = pageBody(100); // big enough to own its buffer (not a slice of Node's pool)
    (await readers.read(idleBody)).release();
    expect(idleBody.byteLength).toBeGreaterThan(0);
    // Busy for a whole sample period: the next page goes to the thread, its bytes transferred.
    const until = performance.now() + 300;
    while (performance.now() < until);
    const busyBody = pageBody(100);
    const page = await readers.read(busyBody);
    expect(busyBody.byteLength).toBe(0);
    expect(page.summary.counts).toEqual([34, 66]);
  });

  it('stop sending pages to a thread that died, and read them inline when none is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpguard-reader-'));
    const dying = join(dir, 'dying-thread.mjs');
    writeFileSync(
      dying,
      "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(7));",
    );
    const readers = make(1, pathToFileURL(dying));
    await expect(readers.read(pageBody(100))).rejects.toThrow(/exited with code 7/);
    const page = await readers.read(pageBody(100));
    expect(page.summary.counts).toEqual([34, 66]);
  });

  it('fall back to reading inline when the thread script is missing', () => {
    expect(make(2, new URL('file:///nonexistent/page-reader-thread.js')).threads).toBe(0);
  });

  it('read pages inline once closed, instead of hanging on a thread that is gone', async () => {
    const readers = make(1);
    await readers.close();
    expect((await readers.read(pageBody(100))).summary.counts).toEqual([34, 66]);
  });
});
