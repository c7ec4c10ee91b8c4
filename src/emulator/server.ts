/**
 * The emulator's HTTP server: AWS Backup, KMS, STS and EC2 subsets on one port, plus
 * `GET /_emulator/stats` and `POST /_emulator/reset-stats` for tests in other processes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type DispatchDeps } from './dispatch.js';
import { IdentityRegistry } from './identity.js';
import { loadMiddlewares, withAssumeRoleDenied, type LoadOptions } from './load/options.js';
import { defaultMiddlewares } from './middleware.js';
import type { Scenario } from './scenario-schema.js';
import { EmulatorState } from './state.js';
import { StatsRecorder, type EmulatorStats } from './stats.js';
import type { HttpAnswer, Middleware } from './types.js';

export type { EmulatorStats } from './stats.js';
export type { LoadOptions } from './load/options.js';

/** How to start an emulator. */
export interface EmulatorOptions {
  scenario: Scenario;
  host?: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
  /** Extra middlewares, run after the built-in ones (call counting, region opt-in, load). */
  middlewares?: Middleware[];
  /** Latency, rate limits and fault injection; all off by default. */
  load?: LoadOptions;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): EmulatorStats;
  resetStats(): void;
}

const MAX_BODY = 5 * 1024 * 1024;

/** The request body, or undefined when it is over MAX_BODY (read to the end, then refused politely). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  if (answer.drop) {
    // Fault injection: the client sees the connection reset with no status line at all.
    res.socket?.destroy();
    return;
  }
  // Encode once: text would otherwise be UTF-8 encoded twice (length, then write).
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': body.length });
  res.end(body);
}

const json = (status: number, value: unknown): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** Starts an emulator serving `scenario` over HTTP; bad `load` settings throw a UsageError. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { host = '127.0.0.1', port = 0, load = {} } = options;
  const stats = new StatsRecorder();
  const loadParts = loadMiddlewares(load, options.scenario, stats);
  const scenario = withAssumeRoleDenied(options.scenario, load.denyAssumeRole);
  const state = new EmulatorState(scenario);
  const deps: DispatchDeps = {
    state,
    identities: new IdentityRegistry(state.defaultAccountId, (id) => state.hasAccount(id)),
    middlewares: [...defaultMiddlewares(stats, loadParts), ...(options.middlewares ?? [])],
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const body = await readBody(req);
      if (body === undefined) {
        const tooLarge = json(413, {
          Code: 'RequestEntityTooLarge',
          Message: `request body over ${MAX_BODY} bytes`,
        });
        return send(res, {
          ...tooLarge,
          headers: { ...tooLarge.headers, 'x-amzn-errortype': 'RequestEntityTooLarge' },
        });
      }
      if (url.pathname === '/_emulator/stats' && req.method === 'GET')
        return send(res, json(200, stats.snapshot()));
      if (url.pathname === '/_emulator/reset-stats' && req.method === 'POST') {
        stats.reset();
        return send(res, json(200, { reset: true }));
      }
      // The raw path keeps percent-encoding: labels are split on '/' before they are decoded.
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      send(
        res,
        await dispatch(
          { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body },
          deps,
        ),
      );
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, json(500, { Code: 'InternalFailure', Message: String(e) }));
      else res.destroy();
    });
  });
  server.on('connection', () => stats.recordConnection());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostPart}:${actualPort}`,
    port: actualPort,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
