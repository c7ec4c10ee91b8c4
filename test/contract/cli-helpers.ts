/**
 * Runs the Python AWS CLI (botocore parses every answer) against a local endpoint, with fixed
 * dummy credentials and no user config, and starts a moto server for comparisons.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** What one `aws` invocation produced. */
export interface AwsResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when it is JSON. */
  json: Record<string, unknown>;
}

const MAX_PARALLEL = 4;
let running = 0;
const waiting: (() => void)[] = [];

/** Limits concurrent CLI processes: each is a Python interpreter and this machine has two cores. */
async function slot<T>(run: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A clean environment: dummy credentials, no profile or config files, no metadata lookups. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test-key-id',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    ...extra,
  };
}

/** Runs `aws --endpoint-url URL --region R --output json ARGS...`. */
export function aws(
  url: string,
  region: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<AwsResult> {
  return slot(
    () =>
      new Promise((resolve) => {
        execFile(
          'aws',
          ['--endpoint-url', url, '--region', region, '--output', 'json', ...args],
          { env: cliEnv(env), timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            let json: Record<string, unknown> = {};
            try {
              json = stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
            } catch {
              // not JSON (an error answer); callers look at stderr
            }
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr, json });
          },
        );
      }),
  );
}

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A running moto server. */
export interface Moto {
  url: string;
  stop(): Promise<void>;
}

/** Starts `moto_server` on a free port and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${url}/moto-api/`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('moto_server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
