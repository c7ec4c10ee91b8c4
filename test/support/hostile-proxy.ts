/**
 * A misbehaving AWS-compatible peer for tests: forwards every call to the emulator, except that
 * one operation gets a forged answer. Stands in for proxies, broken emulators and odd servers.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which operation a request is, from its route, X-Amz-Target header or form Action. */
export function operationOf(req: IncomingMessage, body = ''): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? 'other';
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  if (action) return action;
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (/^\/backup-vaults\/[^/]+\/recovery-points\/?$/.test(path)) return 'ListRecoveryPointsByBackupVault';
  if (/^\/backup-vaults\/[^/]+\/recovery-points\/.+/.test(path)) return 'DescribeRecoveryPoint';
  if (/^\/backup-vaults\/?$/.test(path)) return 'ListBackupVaults';
  return 'other';
}

/** A forged answer: status, headers and body; `undefined` lets the call through. */
export type Forgery = (
  req: IncomingMessage,
  upstream: () => Promise<{ status: number; headers: Record<string, string>; body: string }>,
  operation: string,
) =>
  | Promise<{ status: number; headers?: Record<string, string>; body: string } | undefined>
  | { status: number; headers?: Record<string, string>; body: string }
  | undefined;

/** A running proxy. */
export interface HostileProxy {
  url: string;
  close(): Promise<void>;
}

/** Start a proxy in front of `upstreamUrl` that applies `forge` to every request. */
export async function startHostileProxy(upstreamUrl: string, forge: Forgery): Promise<HostileProxy> {
  const upstream = new URL(upstreamUrl);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const forward = () =>
        new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
          const out = request(
            {
              host: upstream.hostname,
              port: upstream.port,
              method: req.method,
              path: req.url,
              headers: req.headers,
            },
            (answer) => {
              const parts: Buffer[] = [];
              answer.on('data', (c: Buffer) => parts.push(c));
              answer.on('end', () =>
                resolve({
                  status: answer.statusCode ?? 500,
                  headers: answer.headers as Record<string, string>,
                  body: Buffer.concat(parts).toString('utf8'),
                }),
              );
            },
          );
          out.on('error', reject);
          out.end(body);
        });
      const forged = await forge(req, forward, operationOf(req, body.toString('utf8')));
      const answer = forged ?? (await forward());
      const headers = {
        'content-type': 'application/json',
        'x-amzn-requestid': 'req-hostile-1',
        ...(answer.headers ?? {}),
      };
      delete (headers as Record<string, string>)['content-length'];
      delete (headers as Record<string, string>)['transfer-encoding'];
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
