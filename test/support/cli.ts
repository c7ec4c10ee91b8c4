import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, requireFile } from './paths.js';

/** What a CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * An environment with fake credentials and nothing from the developer's own AWS setup, and with
 * instance-metadata lookups off, so no test ever reaches beyond 127.0.0.1.
 */
export function isolatedAwsEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_') && name !== 'NO_COLOR') env[name] = value;
  }
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'AKIAEMULATORTEST0001',
    AWS_SECRET_ACCESS_KEY: 'emulator-test-secret-not-real',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Run the built `rpguard` CLI as a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = isolatedAwsEnv()): Promise<CliResult> {
  requireFile(cliPath, 'run `npm run build` first (npm test does it)');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as { code?: unknown }).code === 'number'
            ? (error as { code: number }).code
            : error
              ? -1
              : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A scan running in the background, for tests that stop it or watch it. */
export interface BackgroundScan {
  child: ChildProcess;
  /** A fresh folder holding only the report (and, while it runs, its temporary file). */
  dir: string;
  output: string;
  exited: Promise<number>;
  stdout(): string;
  stderr(): string;
}

/** Start `rpguard scan --endpoint-url URL ...args --format json --output DIR/report.json`. */
export function spawnScan(endpointUrl: string, args: string[]): BackgroundScan {
  requireFile(cliPath, 'run `npm run build` first (npm test does it)');
  const dir = mkdtempSync(join(tmpdir(), 'rpguard-scan-'));
  const output = join(dir, 'report.json');
  const child = spawn(
    process.execPath,
    [cliPath, 'scan', '--endpoint-url', endpointUrl, ...args, '--format', 'json', '--output', output],
    { env: isolatedAwsEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return { child, dir, output, exited, stdout: () => stdout, stderr: () => stderr };
}
