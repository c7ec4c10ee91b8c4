/**
 * Lets the SDK do everything for the hot list operation (endpoint, signing, retries, throttling,
 * error parsing) except turning a successful 1,000-item page into typed objects: the SDK's
 * schema walk costs ~15 µs of CPU per recovery point, JSON.parse about 1 µs, and a scan of a
 * million points reads nothing else. Failed answers still go through the SDK's own error parser.
 */
import type { Readable } from 'node:stream';
import { MalformedResponseError } from './response-checks.js';

/** Operations whose successful answers are parsed natively. Member names in the JSON are the model's (restJson1, no renames). */
const nativeOperations = new Set(['ListRecoveryPointsByBackupVaultCommand']);
const RAW = Symbol('rpguard.rawJsonOutput');

type Context = { commandName?: string; [RAW]?: Record<string, unknown> };
type Next = (args: unknown) => Promise<{ response?: unknown; output?: Record<string, unknown> }>;

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

/** Install the two middlewares on a Backup client's stack. */
export function parseListPagesNatively(stack: MiddlewareStack): void {
  // Inside the SDK's deserializer: take a 2xx body, parse it, and leave the SDK an empty object.
  stack.addRelativeTo(
    (next: Next, context: Context) => async (args: unknown) => {
      const result = await next(args);
      const response = result.response as { statusCode?: number; body?: unknown } | undefined;
      if (
        context.commandName &&
        nativeOperations.has(context.commandName) &&
        response?.statusCode &&
        response.statusCode < 300
      ) {
        const text = (await readBody(response.body)).toString('utf8');
        const headers = (response as { headers?: Record<string, string> }).headers ?? {};
        const metadata = {
          requestId: headers['x-amzn-requestid'] ?? headers['x-amz-request-id'],
          httpStatusCode: response.statusCode,
        };
        const operation = context.commandName.replace(/Command$/, '');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          // The SDK would fail here too; keep the answer's request id and status for the gap.
          throw new MalformedResponseError(operation, `not JSON (${text.length} bytes)`, metadata);
        }
        // A 200 must carry an object; an error shape or a bare value there is not a page.
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || '__type' in parsed) {
          throw new MalformedResponseError(
            operation,
            'a successful answer that is not a result object',
            metadata,
          );
        }
        context[RAW] = parsed as Record<string, unknown>;
        response.body = new TextEncoder().encode('{}');
      }
      return result;
    },
    { name: 'rpguardNativeJsonBody', relation: 'after', toMiddleware: 'deserializerMiddleware' },
  );
  // Outermost: hand the natively parsed members back as the command's output.
  stack.add(
    (next: Next, context: Context) => async (args: unknown) => {
      const result = await next(args);
      const raw = context[RAW];
      // Only members of the model's output shape; $metadata stays the SDK's.
      if (raw && result.output) {
        const { $metadata: _ignored, ...members } = raw;
        Object.assign(result.output, members);
      }
      return result;
    },
    { name: 'rpguardNativeJsonOutput', step: 'initialize', priority: 'high' },
  );
}
