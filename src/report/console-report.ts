import type { ExitCode } from '../core/errors.js';
import type { StatusCounts } from '../core/summary.js';
import type { Finding, FindingStatus, Gap } from '../core/types.js';
import type { ScanOutcome } from '../scan/scan-types.js';

/** How the console report is drawn. */
export interface ConsoleOptions {
  color: boolean;
  /** How many findings to detail before pointing to the JSON report. */
  maxDetails: number;
  /** Where every finding is being written already (`--format json --output FILE`), if anywhere. */
  fullReportPath?: string;
}

/** The non-PASS findings kept for the report, and how many did not fit. */
export interface RetainedFindings {
  findings: Finding[];
  omitted: number;
}

/** "account 1", "accounts 1, 2, 3", or for an organization "42 accounts (1, 2, 3, …)". */
function scannedAccounts(accounts: readonly string[]): string {
  if (accounts.length === 1) return `account ${accounts[0]}`;
  if (accounts.length <= 5) return `accounts ${accounts.join(', ')}`;
  return `${accounts.length} accounts (${accounts.slice(0, 3).join(', ')}, …)`;
}

/** Where the findings the console leaves out can be read. */
function allOfThem(options: ConsoleOptions): string {
  return options.fullReportPath
    ? `all of them are in ${safe(options.fullReportPath)}`
    : 'write them all with --format json --output FILE';
}

const statusOrder: FindingStatus[] = ['FAIL', 'ERROR', 'SKIPPED', 'PASS'];
const colors: Record<FindingStatus | 'dim' | 'bold', string> = {
  FAIL: '\x1b[31m',
  ERROR: '\x1b[33m',
  SKIPPED: '\x1b[36m',
  PASS: '\x1b[32m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
};

/**
 * Text from AWS answers, made safe for a terminal: control characters (escape sequences, line
 * breaks, NUL) and bidirectional overrides could forge lines or colours in the report.
 */
export function safe(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** Render a scan as text a person can act on. Pure: same input, same text. */
export function formatConsoleReport(
  outcome: ScanOutcome,
  retained: RetainedFindings,
  exitCode: ExitCode,
  options: ConsoleOptions,
): string {
  const paint = (style: keyof typeof colors, text: string) =>
    options.color ? `${colors[style]}${text}\x1b[0m` : text;
  const lines: string[] = [];
  const { summary } = outcome;

  lines.push(
    paint(
      'bold',
      `rpguard scan of ${scannedAccounts(outcome.accounts)} as ${safe(outcome.caller.arn || outcome.caller.accountId)}`,
    ),
  );
  lines.push(
    // Interrupted, a region whose vaults were listed may still be unread: say "reached", not "scanned".
    `${outcome.regionsScanned.length} region(s) ${outcome.interrupted ? 'reached before the stop' : 'scanned'}, ${outcome.skippedRegions.length} skipped; ` +
      `${outcome.vaults.length} vault(s)${outcome.interrupted ? ` (${outcome.vaults.filter((v) => v.complete).length} read in full)` : ''}; ${outcome.recoveryPointsJudged} recovery point(s) judged; ` +
      `${outcome.keys.length} KMS key(s) described.`,
  );
  lines.push('');
  lines.push(paint('bold', 'Findings by rule'));
  lines.push(
    table(
      ['rule', ...statusOrder],
      Object.entries(summary.byRule).map(([rule, c]) => [rule, ...countCells(c)]),
    ),
  );
  lines.push(`total: ${statusOrder.map((s) => `${s} ${summary.findings[s]}`).join(', ')}`);

  if (summary.byVault.length > 0) {
    lines.push('');
    lines.push(paint('bold', 'Findings by account, region and vault (each point is judged by every rule)'));
    const gapVaults = new Set(
      outcome.gaps.filter((g) => g.scope.kind === 'vault').map((g) => g.scope.backupVaultArn),
    );
    const visits = new Map(outcome.vaults.map((v) => [v.backupVaultArn, v]));
    lines.push(
      table(
        ['account', 'region', 'vault', 'vault key', 'points', ...statusOrder, 'note'],
        summary.byVault.map((v) => {
          const visit = visits.get(v.backupVaultArn);
          const note = gapVaults.has(v.backupVaultArn)
            ? 'NOT FULLY READ (gap)'
            : visit && !visit.complete
              ? 'NOT FULLY READ (interrupted)'
              : '';
          return [
            v.accountId,
            v.region,
            safe(v.backupVaultName),
            visit?.encryptionKeyClass ?? '',
            String(visit?.recoveryPointsRead ?? ''),
            ...countCells(v.counts),
            note,
          ];
        }),
      ),
    );
  }

  const details = [...retained.findings].sort(compareFindings);
  for (const status of ['FAIL', 'ERROR'] as const) {
    const group = details.filter((f) => f.status === status);
    if (group.length === 0) continue;
    lines.push('');
    lines.push(
      paint(
        'bold',
        status === 'FAIL'
          ? `Failing findings (${summary.findings.FAIL}, on ${distinctPoints(group)} recovery point(s))`
          : `Could not judge (${summary.findings.ERROR} findings)`,
      ),
    );
    for (const finding of group.slice(0, options.maxDetails)) lines.push(...detail(finding, paint));
    const hidden = group.length - Math.min(group.length, options.maxDetails);
    if (hidden > 0) lines.push(paint('dim', `  … and ${hidden} more; ${allOfThem(options)}`));
  }
  const skippedPoints = details.filter((f) => f.status === 'SKIPPED');
  if (skippedPoints.length > 0) {
    lines.push('');
    lines.push(paint('bold', `Skipped recovery points (${summary.findings.SKIPPED})`));
    for (const f of skippedPoints.slice(0, options.maxDetails))
      lines.push(
        `  ${safe(f.recoveryPointArn)} (${safe(f.backupVaultName)}, ${safe(f.region)}): ${safe(f.message)}`,
      );
    const hidden = skippedPoints.length - Math.min(skippedPoints.length, options.maxDetails);
    if (hidden > 0) lines.push(paint('dim', `  … and ${hidden} more; ${allOfThem(options)}`));
  }
  if (retained.omitted > 0)
    lines.push(
      paint('dim', `(${retained.omitted} more findings not kept for this display; see the JSON report)`),
    );

  if (outcome.gaps.length > 0) {
    lines.push('');
    lines.push(
      paint(
        'ERROR',
        `Not read: ${outcome.gaps.length} gap(s). Nothing in these scopes was judged, and none of it counts as compliant.`,
      ),
    );
    for (const gap of outcome.gaps) lines.push(`  ${describeGap(gap)}`);
  }
  if (outcome.skippedRegions.length > 0) {
    lines.push('');
    lines.push(paint('bold', 'Skipped regions'));
    for (const s of outcome.skippedRegions)
      lines.push(`  ${safe(s.accountId)} ${safe(s.region)}: ${safe(s.reason)}`);
  }

  lines.push('');
  lines.push(paint(verdictStyle(exitCode), verdictLine(exitCode, summary.findings)));
  if (outcome.interrupted) {
    lines.push(
      paint(
        'ERROR',
        'The scan was interrupted: only what was judged before the stop is reported; the rest is not compliant, just unread.',
      ),
    );
  } else if (exitCode === 1 && !outcome.complete) {
    lines.push(
      paint(
        'ERROR',
        'The scan is also incomplete: see the gaps and errors above; unread scopes are not compliant.',
      ),
    );
  }
  if (outcome.regionsScanned.length === 0 && outcome.gaps.length === 0) {
    lines.push(
      outcome.shard && outcome.complete
        ? `None of the (account, region) pairs found fell to shard ${outcome.shard.index}/${outcome.shard.count}; the other shards read them.`
        : paint('ERROR', 'No region was scanned: check --regions, --exclude-regions and the account list.'),
    );
  }
  return `${lines.join('\n')}\n`;
}

function distinctPoints(findings: Finding[]): number {
  return new Set(findings.map((f) => f.recoveryPointArn)).size;
}

function countCells(counts: StatusCounts): string[] {
  return statusOrder.map((s) => String(counts[s]));
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.accountId.localeCompare(b.accountId) ||
    a.region.localeCompare(b.region) ||
    a.backupVaultName.localeCompare(b.backupVaultName) ||
    a.recoveryPointArn.localeCompare(b.recoveryPointArn) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function detail(finding: Finding, paint: (style: keyof typeof colors, text: string) => string): string[] {
  const lines = [
    `  ${paint(finding.status, finding.status)} ${finding.ruleId}  ${finding.accountId} ${safe(finding.region)} vault ${safe(finding.backupVaultName)}`,
    `       ${safe(finding.recoveryPointArn)} (${safe(finding.resourceType ?? 'unknown type')}, ${safe(finding.recoveryPointStatus ?? 'unknown status')})`,
    `       Cause: ${safe(finding.message)}`,
  ];
  const plan = finding.createdBy?.backupPlanName ?? finding.createdBy?.backupPlanId;
  if (plan)
    lines.push(
      `       Created by plan ${safe(plan)}${finding.createdBy?.backupRuleName ? `, rule ${safe(finding.createdBy.backupRuleName)}` : ''}`,
    );
  if (finding.remediation) lines.push(`       Next step: ${safe(finding.remediation)}`);
  return lines;
}

/** One line naming a gap's scope, the failed operation, the AWS error and its request id. */
export function describeGap(gap: Gap): string {
  const { scope } = gap;
  const where =
    scope.kind === 'vault'
      ? `vault ${scope.backupVaultName} (${scope.accountId} ${scope.region})`
      : scope.kind === 'recovery-point'
        ? `recovery point ${scope.recoveryPointArn} in vault ${scope.backupVaultName} (${scope.accountId} ${scope.region})`
        : scope.kind === 'key'
          ? `key ${scope.keyArn}`
          : scope.kind === 'region'
            ? `region ${scope.region} of account ${scope.accountId}`
            : `account ${scope.accountId}`;
  const id = gap.requestId ? ` (request id ${gap.requestId})` : '';
  return safe(`${where}: ${gap.operation} failed with ${gap.errorName}${id}: ${gap.message}`);
}

function verdictStyle(exitCode: ExitCode): FindingStatus {
  return exitCode === 0 ? 'PASS' : exitCode === 1 ? 'FAIL' : 'ERROR';
}

function verdictLine(exitCode: ExitCode, findings: StatusCounts): string {
  switch (exitCode) {
    case 0:
      return 'Result: PASS. Every recovery point found was judged and none failed (exit code 0).';
    case 1:
      return `Result: FAIL. ${findings.FAIL} finding(s) failed (exit code 1).`;
    default:
      return 'Result: INCOMPLETE. Nothing failed, but part of the estate could not be read or judged (exit code 3).';
  }
}

/** Left-aligned text table with two spaces between columns. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [render(header), ...rows.map(render)].join('\n');
}
