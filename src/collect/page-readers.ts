/**
 * Where list pages are parsed: on page-reader threads when the machine has cores to spare and the
 * main thread is busy, so it keeps the SDK's calls flowing while another core parses; otherwise
 * inline. Either way the same readListPage does the work, and the judge sees the same summaries
 * and items.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readListPage, type ListPageSummary } from './list-page.js';

/** A page being read: its summary now, its items on request. */
export interface PageHandle {
  summary: ListPageSummary;
  /** The items whose facts entry is in `indexes`, in list order; frees the page. */
  take(indexes: readonly number[]): Promise<unknown[]>;
  /** Frees the page without taking any item. */
  release(): void;
}

export interface PageReaders {
  /** How many threads parse pages (0: the main thread does). */
  readonly threads: number;
  read(body: Uint8Array): Promise<PageHandle>;
  close(): Promise<void>;
}

/** Messages to a page-reader thread. */
export type ReaderRequest =
  /** `release`: pages the main thread is done with (sent along, to save a message per page). */
  | { op: 'read'; id: number; body: Uint8Array; release: number[] }
  | { op: 'take'; id: number; indexes: readonly number[] };

/** Messages from a page-reader thread. */
export type ReaderReply =
  | { op: 'read'; id: number; summary: ListPageSummary }
  | { op: 'take'; id: number; items: unknown[] }
  /** The answer could not cross threads: here are the page's bytes, read them on the main thread. */
  | { op: 'inline'; id: number; body: Uint8Array }
  | { op: 'error'; id: number; message: string };

/** One thread per spare core, at most 4: beyond that the API quota, not parsing, sets the pace. */
export function defaultReaderThreads(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

/**
 * Page readers with `threads` threads; inline when 0, or when the thread script is not built
 * (tests that run the TypeScript sources directly). `onlyWhenBusy`: use the threads only while the
 * main thread is busy (the default scan's choice; an explicit --reader-threads always uses them).
 */
export function pageReaders(
  threads: number,
  options: { onlyWhenBusy?: boolean; script?: URL } = {},
): PageReaders {
  const script = options.script ?? new URL('./page-reader-thread.js', import.meta.url);
  if (threads <= 0 || !existsSync(fileURLToPath(script))) return new InlineReaders();
  return new ThreadedReaders(threads, script, options.onlyWhenBusy === true);
}

class InlineReaders implements PageReaders {
  readonly threads = 0;

  read(body: Uint8Array): Promise<PageHandle> {
    const page = readListPage(body);
    return Promise.resolve({
      summary: page.summary,
      take: (indexes) => {
        const wanted = new Set(indexes);
        return Promise.resolve(page.items((i) => wanted.has(i)));
      },
      release: () => undefined,
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Pending {
  resolve(reply: ReaderReply): void;
  reject(error: Error): void;
}

/** One reader thread and the requests waiting on it. */
class ReaderThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;
  /** Pages released since the last read; the thread drops them when the next read arrives. */
  readonly released: number[] = [];

  constructor(script: URL) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (reply: ReaderReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      this.refWhileBusy();
      if (reply.op === 'error') waiter?.reject(new Error(`page reader: ${reply.message}`));
      else waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiter of this.pending.values()) waiter.reject(this.failure);
      this.pending.clear();
      this.refWhileBusy();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`page reader thread exited with code ${code}`)));
  }

  /** Once failed (crashed, or closed), the thread takes no more pages. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  request(request: ReaderRequest, transfer: ArrayBuffer[] = []): Promise<ReaderReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.refWhileBusy();
      this.worker.postMessage(request, transfer);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('page readers closed');
    await this.worker.terminate();
  }

  // A thread waited on keeps the process alive; an idle one must not.
  private refWhileBusy(): void {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}

/**
 * Handing a page to a thread costs two messages, about as much CPU as parsing a fifth of it; worth
 * it only while the main thread is busy. Below this share of busy time, pages are read inline.
 */
const BUSY_MAIN_THREAD = 0.5;
const BUSY_SAMPLE_MS = 200;

class ThreadedReaders implements PageReaders {
  // Started on the first page that goes to a thread: a scan that never needs one starts none.
  private pool: ReaderThread[] | undefined;
  private readonly inline = new InlineReaders();
  private nextId = 1;
  private sample = performance.eventLoopUtilization();
  private busy = false;

  constructor(
    readonly threads: number,
    private readonly script: URL,
    private readonly onlyWhenBusy: boolean,
  ) {}

  read(body: Uint8Array): Promise<PageHandle> {
    return !this.onlyWhenBusy || this.mainThreadBusy() ? this.readOnThread(body) : this.inline.read(body);
  }

  /** Whether the main thread's event loop was busy most of the last sample period. */
  private mainThreadBusy(): boolean {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, this.sample);
    if (since.idle + since.active >= BUSY_SAMPLE_MS) {
      this.busy = since.utilization > BUSY_MAIN_THREAD;
      this.sample = now;
    }
    return this.busy;
  }

  private async readOnThread(body: Uint8Array): Promise<PageHandle> {
    const id = this.nextId++;
    // A thread that died takes no more pages; with none left, the main thread reads them.
    this.pool ??= Array.from({ length: this.threads }, () => new ReaderThread(this.script));
    const healthy = this.pool.filter((t) => !t.failed);
    const thread = healthy[id % healthy.length];
    if (!thread) return this.inline.read(body);
    // Hand the bytes over without copying when they own their whole buffer; a slice of Node's
    // shared pool must be copied, or transferring would take the pool away from everyone else.
    const own =
      body.byteOffset === 0 &&
      body.byteLength === body.buffer.byteLength &&
      body.buffer instanceof ArrayBuffer
        ? body
        : new Uint8Array(body);
    const release = thread.released.splice(0);
    const reply = await thread.request({ op: 'read', id, body: own, release }, [own.buffer as ArrayBuffer]);
    if (reply.op === 'inline') return this.inline.read(reply.body);
    if (reply.op !== 'read') throw new Error('page reader answered out of turn');
    let open = true;
    return {
      summary: reply.summary,
      take: async (indexes) => {
        open = false;
        const taken = await thread.request({ op: 'take', id, indexes });
        if (taken.op === 'inline') return (await this.inline.read(taken.body)).take(indexes);
        if (taken.op !== 'take') throw new Error('page reader answered out of turn');
        return taken.items;
      },
      release: () => {
        if (open) thread.released.push(id);
        open = false;
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all((this.pool ?? []).map((thread) => thread.close()));
    this.pool = [];
  }
}
