import type { ExitCode } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import type { ScanOutcome, ScanRequest } from '../scan/scan-types.js';

/** Version of the JSON report document; bump the major on any breaking change. See docs/report-schema.md. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** The tool's name and version as reports state them. */
export interface ToolInfo {
  name: string;
  version: string;
}

/** The opening of the document, written before any finding is known. */
export function reportHead(tool: ToolInfo): string {
  return `{"schemaVersion":${JSON.stringify(REPORT_SCHEMA_VERSION)},"tool":${JSON.stringify(tool)},"findings":[`;
}

/** Every finding field, in report order; an unknown value is written as null so each key is always present. */
const findingFields: readonly (keyof Finding)[] = [
  'ruleId',
  'title',
  'status',
  'severity',
  'message',
  'remediation',
  'accountId',
  'region',
  'backupVaultName',
  'backupVaultArn',
  'vaultType',
  'recoveryPointArn',
  'resourceArn',
  'resourceType',
  'recoveryPointStatus',
  'isEncrypted',
  'encryptionKeyArn',
  'keyClass',
  'keyState',
  'createdBy',
  'parentRecoveryPointArn',
  'compositeMemberIdentifier',
  'creationTime',
  'compliance',
];

/** A finding as the JSON report writes it: every field present, in a stable order. */
export function findingRecord(finding: Finding): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of findingFields) {
    if (field === 'creationTime') {
      record.creationDate =
        finding.creationTime === undefined ? null : new Date(finding.creationTime).toISOString();
    } else {
      record[field] = finding[field] ?? null;
    }
  }
  return record;
}

/** One finding as a JSON value; `first` decides the leading comma. */
export function reportFinding(finding: Finding, first: boolean): string {
  return `${first ? '\n' : ',\n'}${JSON.stringify(findingRecord(finding))}`;
}

/** Everything besides the findings: scan facts, summary, gaps, skipped regions, vaults, keys, verdict. */
export function reportTailRecord(
  outcome: ScanOutcome,
  request: ScanRequest,
  exitCode: ExitCode,
): Record<string, unknown> {
  return {
    scan: {
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      caller: outcome.caller,
      accounts: outcome.accounts,
      regionsScanned: outcome.regionsScanned,
      shard: outcome.shard ? `${outcome.shard.index}/${outcome.shard.count}` : null,
      options: {
        regions: request.regions ?? 'all-enabled',
        excludeRegions: request.excludeRegions ?? [],
        accounts: request.org ? 'organization' : (request.accounts ?? 'caller'),
        excludeAccounts: request.excludeAccounts ?? [],
        roleName: request.org || request.accounts ? (request.roleName ?? null) : null,
        requireCmk: request.requireCmk,
        omitPasses: request.omitPasses === true,
        endpointUrl: request.endpointUrl ?? null,
        maxRps: request.maxRps ?? null,
        maxAttempts: request.maxAttempts,
      },
      apiCalls: outcome.apiCalls,
    },
    summary: {
      ...outcome.summary,
      recoveryPointsJudged: outcome.recoveryPointsJudged,
      vaults: outcome.vaults.length,
      regionsScanned: outcome.regionsScanned.length,
      regionsSkipped: outcome.skippedRegions.length,
      gaps: outcome.gaps.length,
    },
    gaps: outcome.gaps,
    skippedRegions: outcome.skippedRegions,
    vaults: outcome.vaults,
    keys: outcome.keys,
    complete: outcome.complete,
    ...(outcome.interrupted
      ? {
          incompleteReason:
            'interrupted: the scan was stopped before it finished; only what was judged is here',
        }
      : {}),
    exitCode,
  };
}

/** The closing part of the JSON document, after the findings array. */
export function reportTail(outcome: ScanOutcome, request: ScanRequest, exitCode: ExitCode): string {
  return `\n],${JSON.stringify(reportTailRecord(outcome, request, exitCode)).slice(1)}\n`;
}
