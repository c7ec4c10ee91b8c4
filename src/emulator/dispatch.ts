/** Turns one HTTP request into one AWS answer: pick the service, route, run middlewares and handler. */
import { randomUUID } from 'node:crypto';
import { ApiError, DropConnection } from './api-error.js';
import type { IdentityRegistry } from './identity.js';
import { formParams } from './protocols/form.js';
import { backupService } from './services/backup/routes.js';
import { ec2Service } from './services/ec2/routes.js';
import { kmsService } from './services/kms/routes.js';
import { ORGANIZATIONS_TARGET, organizationsService } from './services/organizations/routes.js';
import { stsService } from './services/sts/routes.js';
import { parseSigV4 } from './sigv4.js';
import type { EmulatorState } from './state.js';
import type { EmulatedService, HttpAnswer, Middleware, RawRequest } from './types.js';

const SERVICES: Record<string, EmulatedService> = {
  backup: backupService,
  kms: kmsService,
  sts: stsService,
  ec2: ec2Service,
  organizations: organizationsService,
};

/** What dispatching needs besides the request. */
export interface DispatchDeps {
  state: EmulatorState;
  identities: IdentityRegistry;
  middlewares: readonly Middleware[];
}

/** The SigV4 signing name says which service is meant; unsigned requests are recognised by shape. */
function pickService(request: RawRequest, signingName: string | undefined): EmulatedService {
  const signed =
    signingName !== undefined && Object.hasOwn(SERVICES, signingName) ? SERVICES[signingName] : undefined;
  if (signed) return signed;
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string')
    return target.startsWith(`${ORGANIZATIONS_TARGET}.`) ? organizationsService : kmsService;
  const params = formParams(request);
  if (params.get('Version') === '2016-11-15') return ec2Service;
  if (params.has('Action')) return stsService;
  return backupService;
}

/** The answer that tells the server to close the connection without answering. */
const DROPPED: HttpAnswer = { status: 0, headers: {}, body: '', drop: true };

/** Answers one request; never throws. */
export async function dispatch(request: RawRequest, deps: DispatchDeps): Promise<HttpAnswer> {
  const requestId = randomUUID();
  const auth = request.headers.authorization;
  const scope = parseSigV4(typeof auth === 'string' ? auth : undefined);
  const service = pickService(request, scope?.service);
  try {
    const call = service.route(request);
    if (!call) throw service.protocol.unknownOperation(`${request.method} ${request.path}`);
    const identity = deps.identities.resolve(scope?.accessKeyId);
    const ctx = {
      requestId,
      service: service.name,
      operation: call.operation,
      accountId: identity.accountId,
      region: scope?.region ?? 'us-east-1',
      identity,
      identities: deps.identities,
      state: deps.state,
      vaultName: call.vaultName,
    };
    for (const middleware of deps.middlewares) await middleware(ctx);
    return service.protocol.success(call.operation, call.run(ctx), requestId);
  } catch (e) {
    if (e instanceof DropConnection) return DROPPED;
    const error =
      e instanceof ApiError
        ? e
        : new ApiError(
            500,
            'InternalFailure',
            `Emulator failure: ${e instanceof Error ? e.message : String(e)}`,
          );
    return service.protocol.error(error, requestId);
  }
}
