/**
 * Builds a JSON answer straight into bytes. A 1,000-point page assembled as a string costs more to
 * flatten and UTF-8 encode than to build; copying pre-encoded templates and patching their digits
 * in place is several times cheaper.
 */
export class JsonWriter {
  private buf: Buffer;
  private length = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + bytes));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }

  /** Appends pre-encoded bytes (a constant JSON fragment) and returns where they start. */
  bytes(fragment: Buffer): number {
    this.reserve(fragment.length);
    const at = this.length;
    fragment.copy(this.buf, at);
    this.length += fragment.length;
    return at;
  }

  /**
   * Overwrites `width` bytes at `at` (inside what was already written) with `n` in decimal,
   * zero-padded; `n` must fit. Templates are copied whole and then patched this way.
   */
  putDigits(at: number, n: number, width: number): void {
    let rest = n;
    for (let k = width - 1; k >= 0; k--) {
      this.buf[at + k] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
  }

  /** Appends text, UTF-8 encoded (JSON it already is, e.g. from JSON.stringify). */
  text(json: string): this {
    this.reserve(Buffer.byteLength(json));
    this.length += this.buf.write(json, this.length, 'utf8');
    return this;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** A constant fragment encoded once. */
export const fragment = (text: string): Buffer => Buffer.from(text, 'utf8');
