/**
 * A page-reader thread: parses list pages off the main thread (JSON.parse of a 1,000-point page
 * is most of a scan's CPU) and keeps each page's bytes until the judge takes the items it needs
 * or lets the page go.
 */
import { parentPort } from 'node:worker_threads';
import { readListPage, type ListPage } from './list-page.js';
import type { ReaderReply, ReaderRequest } from './page-readers.js';

const pages = new Map<number, ListPage>();
const port = parentPort;

port?.on('message', (request: ReaderRequest) => {
  let reply: ReaderReply;
  try {
    if (request.op === 'read') {
      for (const id of request.release) pages.delete(id);
      const page = readListPage(request.body);
      pages.set(request.id, page);
      reply = { op: 'read', id: request.id, summary: page.summary };
    } else {
      const page = pages.get(request.id);
      pages.delete(request.id);
      const wanted = new Set(request.indexes);
      reply = { op: 'take', id: request.id, items: page ? page.items((i) => wanted.has(i)) : [] };
    }
  } catch (error) {
    reply = { op: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
