#!/usr/bin/env node
// The machine's floors, for reading the scanner's figures against what any client pays here:
// - `pages`: plain node:http GETs of a vault's list pages and JSON.parse of each, paced like the
//   scanner (20 calls a second), with no SDK, no signing, no checks and no judging;
// - `sdk-calls`: the official SDK sending small ListRecoveryPointsByBackupVault calls (one point
//   each) with nothing done with the answers: the CPU one SDK call costs.
// Usage: node scripts/bench-floor.mjs pages|sdk-calls URL VAULT
//   → {"points":N,"pages":P,"cpuMicros":M} or {"calls":N,"cpuMicros":M}
import http from 'node:http';

const [mode, endpoint, vault] = process.argv.slice(2);
const url = new URL(endpoint);
const agent = new http.Agent({ keepAlive: true });
// The emulator reads who is calling from the credential scope; it does not check signatures.
const authorization =
  'AWS4-HMAC-SHA256 Credential=AKIAFLOOR00000000000/20260101/us-east-1/backup/aws4_request, SignedHeaders=host, Signature=0';
const PACE_MS = 50;

function get(path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path, agent, headers: { authorization } }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const pace = (started) => {
  const wait = PACE_MS - (performance.now() - started);
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
};

async function pagesFloor() {
  const before = process.cpuUsage();
  let token;
  let points = 0;
  let pages = 0;
  do {
    const started = performance.now();
    const query = new URLSearchParams({ maxResults: '1000', ...(token ? { nextToken: token } : {}) });
    const answer = await get(`/backup-vaults/${encodeURIComponent(vault)}/recovery-points?${query}`);
    if (answer.status !== 200)
      throw new Error(`HTTP ${answer.status}: ${answer.body.toString().slice(0, 200)}`);
    const page = JSON.parse(answer.body.toString('utf8'));
    points += page.RecoveryPoints.length;
    pages += 1;
    token = page.NextToken;
    await pace(started);
  } while (token);
  const used = process.cpuUsage(before);
  agent.destroy();
  return { points, pages, cpuMicros: used.user + used.system };
}

async function sdkCallsFloor() {
  const { BackupClient, ListRecoveryPointsByBackupVaultCommand } = await import('@aws-sdk/client-backup');
  const client = new BackupClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });
  const call = () =>
    client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: vault, MaxResults: 1 }));
  for (let i = 0; i < 5; i++) {
    const started = performance.now(); // warm up
    await call();
    await pace(started);
  }
  const calls = 60;
  let cpuMicros = 0;
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const before = process.cpuUsage();
    await call();
    const used = process.cpuUsage(before);
    cpuMicros += used.user + used.system;
    await pace(started);
  }
  client.destroy();
  return { calls, cpuMicros };
}

console.log(JSON.stringify(mode === 'sdk-calls' ? await sdkCallsFloor() : await pagesFloor()));
