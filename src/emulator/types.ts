/**
 * Shapes shared by the server, the protocols and the services.
 */
import type { ApiError } from './api-error.js';
import type { EmulatorState } from './state.js';
import type { Identity, IdentityRegistry } from './identity.js';

/** An HTTP request as the emulator sees it, body already read. */
export interface RawRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A complete HTTP answer. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON or XML text, or UTF-8 bytes (large pages are built as bytes). */
  body: string | Buffer;
  /** Fault injection: close the connection without answering (status, headers and body unused). */
  drop?: boolean;
}

/** Renders successes and errors in one AWS wire protocol. */
export interface Protocol {
  success(operation: string, output: unknown, requestId: string): HttpAnswer;
  error(error: ApiError, requestId: string): HttpAnswer;
  /** The error this protocol answers for a request no operation matches. */
  unknownOperation(detail: string): ApiError;
}

/** Everything a handler or middleware knows about the call being served. */
export interface RequestContext {
  requestId: string;
  service: ServiceName;
  operation: string;
  /** Account the credentials act in. */
  accountId: string;
  /** Region from the SigV4 scope (us-east-1 when unsigned). */
  region: string;
  identity: Identity;
  identities: IdentityRegistry;
  state: EmulatorState;
  /** The Backup vault a vault-scoped call names, for vault-scoped fault injection. */
  vaultName?: string;
}

/**
 * Runs before every handler. It may wait (latency injection) or throw an ApiError
 * (throttling, fault injection) to answer in the handler's place.
 */
export type Middleware = (ctx: RequestContext) => void | Promise<void>;

/** The services the emulator speaks. */
export type ServiceName = 'backup' | 'kms' | 'sts' | 'ec2' | 'organizations';

/** One operation: protocol-parsed input in, output (JSON value or XML fragment) out; throws ApiError. */
export type Handler<I> = (input: I, ctx: RequestContext) => unknown;

/** A matched operation with its parsed input, bound to its handler. */
export interface RoutedCall {
  operation: string;
  /** The Backup vault named in the path, when the operation is vault-scoped. */
  vaultName?: string;
  run(ctx: RequestContext): unknown;
}

/** An emulated AWS service: its protocol and how it finds the operation for a request. */
export interface EmulatedService {
  name: ServiceName;
  protocol: Protocol;
  /** The operation the request names, or undefined when none matches. */
  route(request: RawRequest): RoutedCall | undefined;
}
