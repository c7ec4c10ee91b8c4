/**
 * A page-reader thread: parses list pages off the main thread (JSON.parse of a 1,000-point page
 * is most of a scan's CPU) and keeps each page's bytes until the judge takes the items it needs
 * or lets the page go.
 */
import { parentPort } from 'node:worker_threads';
import { readListPage, type ListPage } from './list-page.js';
import type { ReaderReply, ReaderRequest } from './page-readers.js';

const pages = new Map<number, { page: ListPage; body: Uint8Array }>();
const port = parentPort;

port?.on('message', (request: ReaderRequest) => {
  let reply: ReaderReply;
  let body: Uint8Array | undefined;
  try {
    if (request.op === 'read') {
      for (const id of request.release) pages.delete(id);
      body = request.body;
      const page = readListPage(body);
      pages.set(request.id, { page, body });
      reply = { op: 'read', id: request.id, summary: page.summary };
    } else {
      const kept = pages.get(request.id);
      pages.delete(request.id);
      body = kept?.body;
      const wanted = new Set(request.indexes);
      reply = { op: 'take', id: request.id, items: kept ? kept.page.items((i) => wanted.has(i)) : [] };
    }
  } catch (error) {
    reply = { op: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  try {
    port.postMessage(reply);
  } catch (error) {
    // An answer that cannot cross threads (items nested deeper than cloning allows): hand the
    // bytes back, so the main thread reads this page itself and the verdicts stay the same.
    port.postMessage(
      body
        ? { op: 'inline', id: request.id, body }
        : { op: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) },
    );
  }
});
