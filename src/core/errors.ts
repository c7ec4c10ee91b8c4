/**
 * Our own errors: a stable code, a one-line message that says what failed, where and what to do,
 * and the exit code the CLI maps it to. Unknown errors are not wrapped here; the CLI re-throws them.
 */

/** Documented process exit codes. */
export const ExitCode = {
  /** Everything judged, nothing failed. */
  Ok: 0,
  /** At least one FAIL. */
  Fail: 1,
  /** Usage, configuration or input error. */
  Usage: 2,
  /** No FAIL, but the scan is incomplete (ERROR findings, gaps). */
  Incomplete: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class of every error we expect and explain to the user. */
export class RpguardError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `SCENARIO_INVALID`. */
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = ExitCode.Usage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RpguardError';
  }
}

/** Bad command-line usage: unknown flag, bad value. */
export class UsageError extends RpguardError {
  constructor(message: string) {
    super('USAGE', message, ExitCode.Usage);
    this.name = 'UsageError';
  }
}

/** A scenario file that cannot be read or does not match the scenario schema. */
export class ScenarioError extends RpguardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SCENARIO_INVALID', message, ExitCode.Usage, options);
    this.name = 'ScenarioError';
  }
}

/** Something outside our control prevented the scan from starting (no credentials, endpoint down). */
export class SetupError extends RpguardError {
  constructor(
    code: string,
    message: string,
    exitCode: ExitCode = ExitCode.Usage,
    options?: { cause?: unknown },
  ) {
    super(code, message, exitCode, options);
    this.name = 'SetupError';
  }
}
