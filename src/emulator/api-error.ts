/** An AWS error answer raised by a handler or middleware; each protocol renders it in its own envelope. */
export class ApiError extends Error {
  constructor(
    /** HTTP status code. */
    readonly status: number,
    /** AWS error name, e.g. `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Whether the fault lies with the server (5xx) rather than the caller. */
  get isServerFault(): boolean {
    return this.status >= 500;
  }
}

/** The ApiError a scenario's injected error (`{status, code, message}`) stands for. */
export function injectedError(e: { status: number; code: string; message: string }): ApiError {
  return new ApiError(e.status, e.code, e.message);
}

/** Thrown by fault injection to close the connection without any answer. */
export class DropConnection extends Error {
  constructor() {
    super('connection dropped by fault injection');
    this.name = 'DropConnection';
  }
}
