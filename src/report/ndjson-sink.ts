import type { ExitCode } from '../core/errors.js';
import type { Finding, Gap } from '../core/types.js';
import type { FindingSink, ScanOutcome, ScanRequest } from '../scan/scan-types.js';
import { findingRecord, reportTailRecord } from './json-report.js';
import type { TextTarget } from './json-sink.js';

/**
 * Streams newline-delimited JSON: one `finding` record per line as judged, one `gap` record per
 * gap as met, then one `summary` record (everything the JSON report holds besides findings).
 */
export class NdjsonSink implements FindingSink {
  /** `passes` false: PASS findings are left out (--omit-passes); the summary still counts them. */
  constructor(
    private readonly target: TextTarget,
    readonly passes = true,
  ) {}

  write(finding: Finding): void {
    this.target.write(`${JSON.stringify({ recordType: 'finding', ...findingRecord(finding) })}\n`);
  }

  gap(gap: Gap): void {
    this.target.write(`${JSON.stringify({ recordType: 'gap', ...gap })}\n`);
  }

  finish(outcome: ScanOutcome, request: ScanRequest, exitCode: ExitCode): void {
    this.target.write(
      `${JSON.stringify({ recordType: 'summary', ...reportTailRecord(outcome, request, exitCode) })}\n`,
    );
  }
}
