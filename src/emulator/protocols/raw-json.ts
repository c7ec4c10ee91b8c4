/**
 * A handler output that is already JSON, as text or bytes. Hot paths (a 1,000-point page) build
 * their answer directly, which is several times cheaper than building objects and stringifying them.
 */
export class RawJson {
  constructor(
    /** The complete JSON document, exactly as it goes on the wire (bytes are UTF-8). */
    readonly body: string | Buffer,
  ) {}
}

/** The JSON body of a handler output: raw JSON as is, anything else stringified (`{}` for none). */
export function jsonBody(output: unknown): string | Buffer {
  return output instanceof RawJson ? output.body : JSON.stringify(output ?? {});
}
