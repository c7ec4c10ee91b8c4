#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only NAME]`: run the real CLI against the emulator with 20 ms
// latency and AWS's API quotas enforced, over generated estates, and report API calls against the
// minimum, wall time against the lower bound, scanner CPU per point, peak RSS and throttling seen.
// Not part of `npm test`: it takes a minute or two and its numbers depend on the machine.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorEnv } from './emulator-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const LATENCY_MS = 20;
const LIST_QUOTA = 20; // ListRecoveryPointsByBackupVault and ListBackupVaults, per account and region
const PAGE = 1000;

const scenarios = [
  {
    name: 'one-vault-50k',
    accounts: 1,
    regions: 1,
    vaults: 1,
    points: 50_000,
    note: 'RSS flatness reference',
  },
  // `floor`: also time a bare node:http + JSON.parse reader over the same pages (bench-floor.mjs).
  { name: 'one-vault-200k', accounts: 1, regions: 1, vaults: 1, points: 200_000, floor: true },
  { name: 'one-account-4x50x2000', accounts: 1, regions: 4, vaults: 50, points: 2_000 },
  { name: 'org-20x2x5x1000', accounts: 20, regions: 2, vaults: 5, points: 1_000 },
];

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

if (only !== undefined && !scenarios.some((s) => s.name === only)) {
  console.error(`bench: --only ${only}: no such estate (one of ${scenarios.map((s) => s.name).join(', ')})`);
  process.exit(2);
}

const env = emulatorEnv('bench');

/** Start the emulator with a generated estate; resolve with its URL and a stop function. */
async function startEmulator(s) {
  const spec = `accounts=${s.accounts},regions=${s.regions},vaults=${s.vaults},points=${s.points}`;
  const child = spawn(
    process.execPath,
    [cli, 'emulator', '--generate', spec, '--latency', String(LATENCY_MS), '--rate-limits', 'aws'],
    {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const url = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', (line) => ok(line.trim()));
    child.once('exit', (code) => fail(new Error(`emulator exited with ${code}`)));
  });
  const stop = () =>
    new Promise((done) =>
      child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')),
    );
  return { url, stop };
}

/** Run one scan through the CLI; resolve with the wall time and the CLI's own 'scan finished' log record. */
async function runScan(url, s) {
  const scope = s.accounts > 1 ? ['--org'] : [];
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [cli, 'scan', '--endpoint-url', url, ...scope, '--quiet', '--log-level', 'info', '--log-format', 'json'],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let finished;
  createInterface({ input: child.stderr }).on('line', (line) => {
    try {
      const record = JSON.parse(line);
      if (record.msg === 'scan finished') finished = record;
    } catch {
      // not a log record
    }
  });
  const code = await new Promise((done) => child.once('exit', done));
  const wallMs = performance.now() - started;
  if (!finished) throw new Error(`scan exited ${code} without a 'scan finished' record`);
  return { code, wallMs, finished };
}

/** Run bench-floor.mjs in `mode` against the estate's first vault; its JSON answer. */
async function runFloor(mode, url) {
  const script = join(root, 'scripts', 'bench-floor.mjs');
  const child = spawn(process.execPath, [script, mode, url, 'gen-vault-001'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`bench-floor ${mode} exited ${code}`);
  return JSON.parse(out);
}

/** CPU per point of the bare reader (no SDK, no checks, no judging) over the estate's one vault. */
async function measureFloor(url) {
  const { points, cpuMicros } = await runFloor('pages', url);
  return +(cpuMicros / points).toFixed(2);
}

/** CPU of one bare SDK call (a one-point list page, nothing done with it). */
let sdkCallCpuMicros;
async function measureSdkCall(url) {
  const { calls, cpuMicros } = await runFloor('sdk-calls', url);
  sdkCallCpuMicros = Math.round(cpuMicros / calls);
}

/** The fewest calls a complete scan can make, and the wall-time lower bound. */
function minimumAndBound(s) {
  const pages = Math.max(1, Math.ceil(s.points / PAGE));
  const listCallsPerRegion = 2 + s.vaults * pages; // own and shared vault listings, then every page
  const perAccount = 1 + (s.accounts > 1 ? 1 : 0); // DescribeRegions, AssumeRole
  const keysPerRegion = 1; // the generated estate's aws/backup key, described once
  const global = 1 + (s.accounts > 1 ? Math.ceil(s.accounts / 20) : 0); // GetCallerIdentity, ListAccounts
  const minimumCalls = global + s.accounts * (perAccount + s.regions * (listCallsPerRegion + keysPerRegion));
  const chainMs = pages * LATENCY_MS;
  const quotaMs = (listCallsPerRegion / LIST_QUOTA) * 1000;
  return { minimumCalls, listCallsPerRegion, lowerBoundMs: Math.max(chainMs, quotaMs), chainMs, quotaMs };
}

async function measure(s) {
  const emulator = await startEmulator(s);
  try {
    await fetch(`${emulator.url}/_emulator/reset-stats`, { method: 'POST' });
    const run = await runScan(emulator.url, s);
    const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
    const floorCpuMicrosPerPoint = s.floor ? await measureFloor(emulator.url) : undefined;
    if (sdkCallCpuMicros === undefined) await measureSdkCall(emulator.url);
    const points = s.accounts * s.regions * s.vaults * s.points;
    const { minimumCalls, lowerBoundMs, chainMs, quotaMs } = minimumAndBound(s);
    const f = run.finished;
    return {
      scenario: s.name,
      estate: `${s.accounts} account(s) × ${s.regions} region(s) × ${s.vaults} vault(s) × ${s.points} points`,
      points,
      pointsJudged: f.recoveryPointsJudged,
      exitCode: run.code,
      apiCallsMade: stats.total,
      apiCallsMinimum: minimumCalls,
      throttledAnswers: stats.throttled ?? 0,
      scanWallMs: f.durationMs,
      processWallMs: Math.round(run.wallMs),
      lowerBoundMs: Math.round(lowerBoundMs),
      boundParts: { pageChainMs: Math.round(chainMs), callsOverQuotaMs: Math.round(quotaMs) },
      wallOverBound: +(f.durationMs / lowerBoundMs).toFixed(3),
      scanCpuMicrosPerPoint: +(f.scanCpuMicros / points).toFixed(2),
      ...(floorCpuMicrosPerPoint ? { floorCpuMicrosPerPoint } : {}),
      // What the minimum calls cost in bare SDK calls alone, before any page is parsed.
      sdkCallsCpuMs: Math.round((minimumCalls * sdkCallCpuMicros) / 1000),
      peakRssMB: +(f.maxRssKiB / 1024).toFixed(1),
    };
  } finally {
    await emulator.stop();
  }
}

const results = [];
for (const s of scenarios) {
  if (only && s.name !== only) continue;
  results.push(await measure(s));
  if (!asJson) {
    const r = results[results.length - 1];
    console.log(
      `${r.scenario.padEnd(22)} points ${String(r.pointsJudged).padStart(7)}/${r.points}  calls ${r.apiCallsMade}/${r.apiCallsMinimum} min  ` +
        `throttled ${r.throttledAnswers}  wall ${r.scanWallMs} ms (process ${r.processWallMs}) / bound ${r.lowerBoundMs} ms = ${r.wallOverBound}×  ` +
        `CPU ${r.scanCpuMicrosPerPoint} µs/point${r.floorCpuMicrosPerPoint ? ` (bare http+JSON.parse floor ${r.floorCpuMicrosPerPoint})` : ''}  ` +
        `bare SDK calls alone ${r.sdkCallsCpuMs} ms CPU  RSS ${r.peakRssMB} MB`,
    );
  }
}
const targets = { wallOverBound: 1.3, scanCpuMicrosPerPoint: 5, peakRssMB: 250 };
if (asJson)
  console.log(
    JSON.stringify(
      { latencyMs: LATENCY_MS, listQuotaPerSecond: LIST_QUOTA, sdkCallCpuMicros, targets, results },
      null,
      2,
    ),
  );
else
  console.log(
    `one bare SDK call: ${sdkCallCpuMicros} µs CPU\n` +
      `targets: calls = minimum, wall ≤ ${targets.wallOverBound}× bound, CPU ≤ ${targets.scanCpuMicrosPerPoint} µs/point, RSS < ${targets.peakRssMB} MB`,
  );
