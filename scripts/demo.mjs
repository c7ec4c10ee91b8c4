#!/usr/bin/env node
// `npm run demo`: start the embedded emulator with the demo scenario on a free port, run
// `rpguard scan` through the real CLI against it, print the report, write the JSON report,
// stop the emulator. No AWS account is used: the credentials below are fake and go nowhere else.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorEnv } from './emulator-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const reportPath = join(root, 'reports', 'demo-report.json');

const env = emulatorEnv('demo');

const emulator = spawn(process.execPath, [cli, 'emulator', '--scenario', 'demo'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stopEmulator = () => emulator.exitCode === null && emulator.kill('SIGTERM');
process.on('exit', stopEmulator);

const url = await new Promise((resolveUrl, reject) => {
  const lines = createInterface({ input: emulator.stdout });
  lines.once('line', (line) => resolveUrl(line.trim()));
  emulator.once('exit', (code) =>
    reject(new Error(`the emulator exited with code ${code} before printing its URL`)),
  );
  setTimeout(() => reject(new Error('the emulator did not print its URL within 20 s')), 20_000).unref();
}).catch((error) => {
  console.error(`demo: ${error.message}`);
  process.exit(2);
});

console.log(`demo: emulator with the 'demo' scenario at ${url}`);
console.log(`demo: rpguard scan --endpoint-url ${url} --format json --output reports/demo-report.json\n`);
mkdirSync(dirname(reportPath), { recursive: true });

const scan = spawn(
  process.execPath,
  [cli, 'scan', '--endpoint-url', url, '--format', 'json', '--output', reportPath],
  {
    env,
    stdio: 'inherit',
  },
);
const scanCode = await new Promise((done) => scan.once('exit', (code) => done(code ?? 2)));
stopEmulator();

// The demo estate is built to contain failing recovery points, so the scan's own exit code is 1.
if (scanCode === 1) {
  console.log(
    '\ndemo: the scan exited 1 because the demo estate holds unencrypted recovery points, as designed.',
  );
  console.log(`demo: JSON report written to ${reportPath}`);
  process.exit(0);
}
console.error(`\ndemo: unexpected scan exit code ${scanCode} (expected 1 for the demo estate)`);
process.exit(scanCode === 0 ? 1 : scanCode);
