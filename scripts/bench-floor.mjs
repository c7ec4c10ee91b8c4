#!/usr/bin/env node
// The machine's floor for reading recovery points: plain node:http GETs of a vault's list pages
// and JSON.parse of each, paced like the scanner (20 calls a second), with no SDK, no signing,
// no checks and no judging. `npm run bench` runs it beside the scanner so the scanner's CPU per
// point can be read against what any JavaScript client pays on the same machine.
// Usage: node scripts/bench-floor.mjs URL VAULT  → prints {"points":N,"cpuMicros":M,"pages":P}
import http from 'node:http';

const [endpoint, vault] = process.argv.slice(2);
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
  const wait = PACE_MS - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
} while (token);
const used = process.cpuUsage(before);
agent.destroy();
console.log(JSON.stringify({ points, pages, cpuMicros: used.user + used.system }));
