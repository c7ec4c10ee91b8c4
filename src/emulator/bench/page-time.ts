/**
 * Measures how long the emulator takes to answer one ListRecoveryPointsByBackupVault page of
 * 1,000 generated points (routing, rendering, JSON), in process and over HTTP on 127.0.0.1
 * (a keep-alive client that reads the body without parsing it, so the server's share dominates).
 * Run with `npx tsx src/emulator/bench/page-time.ts`; it prints microseconds per page.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { dispatch, type DispatchDeps } from '../dispatch.js';
import { IdentityRegistry } from '../identity.js';
import { scenarioSchema } from '../scenario-schema.js';
import { startEmulator } from '../server.js';
import { EmulatorState } from '../state.js';

const ACCOUNT = '100000000001';
const AUTH = `AWS4-HMAC-SHA256 Credential=bench/20240601/us-east-1/backup/aws4_request, SignedHeaders=host, Signature=00`;

const scenario = scenarioSchema.parse({
  name: 'page-bench',
  accounts: [
    {
      accountId: ACCOUNT,
      regions: { 'us-east-1': { generateVaults: { vaults: 1, pointsPerVault: 1_000_000 } } },
    },
  ],
});

/** Median of a sample, in the sample's unit. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Microseconds per page for in-process dispatch, walking the vault page by page. */
async function inProcess(pages: number): Promise<number> {
  const state = new EmulatorState(scenario);
  const deps: DispatchDeps = {
    state,
    identities: new IdentityRegistry(ACCOUNT, (id) => state.hasAccount(id)),
    middlewares: [],
  };
  const samples: number[] = [];
  let bytes = 0;
  for (let p = 0; p < pages; p++) {
    const query = new URLSearchParams({ maxResults: '1000' });
    const started = performance.now();
    const answer = await dispatch(
      {
        method: 'GET',
        path: '/backup-vaults/gen-vault-001/recovery-points/',
        query,
        headers: { authorization: AUTH },
        body: '',
      },
      deps,
    );
    // Encoding to bytes is part of the cost: the server sends bytes, and a string built from many
    // pieces is expensive to flatten and encode.
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    samples.push((performance.now() - started) * 1000);
    bytes = body.length;
  }
  process.stdout.write(`page body: ${bytes} bytes\n`);
  return median(samples);
}

/** GETs `url` on a keep-alive agent and returns the body's last bytes (where NextToken sits). */
function get(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: { authorization: AUTH } }, (res) => {
      let tail = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => (tail = Buffer.concat([tail, chunk]).subarray(-400)));
      res.on('end', () => resolve(tail.toString('utf8')));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Microseconds per page over HTTP with a keep-alive client that does not parse the body. */
async function overHttp(pages: number): Promise<number> {
  const emulator = await startEmulator({ scenario });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  try {
    let token: string | undefined;
    for (let p = 0; p < pages; p++) {
      const query = new URLSearchParams({ maxResults: '1000', ...(token ? { nextToken: token } : {}) });
      const started = performance.now();
      const tail = await get(`${emulator.url}/backup-vaults/gen-vault-001/recovery-points/?${query}`, agent);
      samples.push((performance.now() - started) * 1000);
      token = /"NextToken":"([^"]+)"/.exec(tail)?.[1];
    }
  } finally {
    agent.destroy();
    await emulator.close();
  }
  return median(samples);
}

const warm = await inProcess(50);
const dispatchUs = await inProcess(300);
const httpUs = await overHttp(300);
process.stdout.write(
  `median per 1000-point page: dispatch + encode ${dispatchUs.toFixed(0)} us (warm-up ${warm.toFixed(0)} us), ` +
    `HTTP round trip (client reads, does not parse) ${httpUs.toFixed(0)} us\n`,
);
