/**
 * Lets the SDK do everything for the hot list operation (endpoint, signing, retries, throttling,
 * error parsing) except turning a successful 1,000-item page into typed objects: the SDK's
 * schema walk costs ~15 µs of CPU per recovery point, while the scan needs five fields of each.
 * The body's bytes are handed to the caller untouched (see list-page.ts, page-readers.ts);
 * failed answers still go through the SDK's own error parser.
 */
import type { Readable } from 'node:stream';

/** Operations whose successful answers are passed on as raw bytes. */
const rawOperations = new Set(['ListRecoveryPointsByBackupVaultCommand']);
const RAW = Symbol('rpguard.rawBody');

type Context = { commandName?: string; [RAW]?: Buffer };
type Next = (args: unknown) => Promise<{ response?: unknown; output?: Record<string | symbol, unknown> }>;

interface MiddlewareStack {
  add(middleware: unknown, options: Record<string, unknown>): void;
  addRelativeTo(middleware: unknown, options: Record<string, unknown>): void;
}

async function readBody(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The raw body of a successful answer to a list operation, or undefined for any other output. */
export function rawBodyOf(output: object): Buffer | undefined {
  return (output as { [RAW]?: Buffer })[RAW];
}

/** Install the two middlewares on a Backup client's stack. */
export function passListPagesRaw(stack: MiddlewareStack): void {
  // Inside the SDK's deserializer: take a 2xx body and leave the SDK an empty object to parse.
  stack.addRelativeTo(
    (next: Next, context: Context) => async (args: unknown) => {
      const result = await next(args);
      const response = result.response as { statusCode?: number; body?: unknown } | undefined;
      if (
        context.commandName &&
        rawOperations.has(context.commandName) &&
        response?.statusCode &&
        response.statusCode < 300
      ) {
        context[RAW] = await readBody(response.body);
        response.body = new TextEncoder().encode('{}');
      }
      return result;
    },
    { name: 'rpguardRawBody', relation: 'after', toMiddleware: 'deserializerMiddleware' },
  );
  // Outermost: hand the bytes back with the command's output ($metadata stays the SDK's).
  stack.add(
    (next: Next, context: Context) => async (args: unknown) => {
      const result = await next(args);
      if (context[RAW] && result.output) result.output[RAW] = context[RAW];
      return result;
    },
    { name: 'rpguardRawBodyOutput', step: 'initialize', priority: 'high' },
  );
}
