import type { ExitCode } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import type { FindingSink, ScanOutcome, ScanRequest } from '../scan/scan-types.js';
import { reportFinding, reportHead, reportTail, type ToolInfo } from './json-report.js';

/** Something text can be appended to: an AtomicFile, or stdout. */
export interface TextTarget {
  write(text: string): void;
}

/** Streams the JSON report: head first, each finding as judged, the tail when the scan ends. */
export class JsonReportSink implements FindingSink {
  private first = true;

  /** `passes` false: PASS findings are left out (--omit-passes); the summary still counts them. */
  constructor(
    private readonly target: TextTarget,
    tool: ToolInfo,
    readonly passes = true,
  ) {
    target.write(reportHead(tool));
  }

  write(finding: Finding): void {
    this.target.write(reportFinding(finding, this.first));
    this.first = false;
  }

  finish(outcome: ScanOutcome, request: ScanRequest, exitCode: ExitCode): void {
    this.target.write(reportTail(outcome, request, exitCode));
  }
}
