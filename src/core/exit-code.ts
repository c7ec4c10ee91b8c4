import { ExitCode } from './errors.js';
import type { StatusCounts } from './summary.js';

/** 1 if anything failed; otherwise 3 if the scan is incomplete; otherwise 0. */
export function scanExitCode(findings: StatusCounts, complete: boolean): ExitCode {
  if (findings.FAIL > 0) return ExitCode.Fail;
  if (!complete) return ExitCode.Incomplete;
  return ExitCode.Ok;
}
