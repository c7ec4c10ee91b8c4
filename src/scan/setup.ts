import { listOrganizationAccounts, type TargetAccount } from '../collect/accounts.js';
import { awsErrorFacts } from '../collect/aws-error.js';
import { ScanInterruptedError, type ClientFactory } from '../collect/clients.js';
import { getCallerIdentity, type CallerIdentity } from '../collect/identity.js';
import { ExitCode, RpguardError, SetupError } from '../core/errors.js';
import type { ScanRequest } from './scan-types.js';

/**
 * What must work before anything is scanned: who we are and which accounts to scan. A failure
 * here is a SetupError (exit 2), not a gap: there is no scope yet to be incomplete about.
 */
/** Who we are; failing here means the scan cannot start, so it becomes a SetupError (exit 2). */
export async function identify(clients: ClientFactory, request: ScanRequest): Promise<CallerIdentity> {
  try {
    return await getCallerIdentity(clients, request.homeRegion);
  } catch (error) {
    throw setupFailure(error, request, 'sts:GetCallerIdentity');
  }
}

function setupFailure(error: unknown, request: ScanRequest, call: string): RpguardError {
  if (error instanceof ScanInterruptedError) {
    return new RpguardError(
      'INTERRUPTED',
      'interrupted before the scan started: nothing was scanned or written',
      ExitCode.Incomplete,
    );
  }
  const facts = awsErrorFacts(error);
  const where = request.endpointUrl ?? 'AWS';
  if (facts.errorName === 'CredentialsProviderError') {
    // A failing credential_process's output is quoted by the SDK and may hold secrets: keep the command only.
    facts.message = facts.message.replace(/(Command failed: \S+)[\s\S]*/, '$1 (its output is not shown)');
    const profile = request.profile ? ` for profile '${request.profile}'` : '';
    return new SetupError(
      'NO_CREDENTIALS',
      `no usable AWS credentials${profile}: ${facts.message} (set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
      ExitCode.Usage,
      { cause: error },
    );
  }
  if (facts.errorName === 'NetworkError' || facts.errorName === 'NetworkTimeout') {
    return new SetupError(
      'ENDPOINT_UNREACHABLE',
      `cannot reach ${where} for ${call}: ${facts.message}`,
      ExitCode.Usage,
      {
        cause: error,
      },
    );
  }
  return new SetupError(
    'SETUP_CALL_FAILED',
    `${call} at ${where} failed with ${facts.errorName}: ${facts.message}`,
    ExitCode.Usage,
    {
      cause: error,
    },
  );
}

/** The accounts to scan: the organization's active ones, the listed ones, or the caller's own; minus exclusions. */
export async function targetAccounts(
  base: ClientFactory,
  caller: CallerIdentity,
  request: ScanRequest,
): Promise<{ targets: TargetAccount[]; malformedEntries: number }> {
  let targets: TargetAccount[];
  let malformedEntries = 0;
  if (request.org) {
    try {
      const listing = await listOrganizationAccounts(base);
      targets = listing.accounts;
      malformedEntries = listing.malformed;
    } catch (error) {
      throw setupFailure(
        error,
        request,
        'organizations:ListAccounts (run from the management account or a delegated administrator)',
      );
    }
  } else if (request.accounts) {
    targets = request.accounts.map((accountId) => ({ accountId }));
  } else {
    targets = [{ accountId: caller.accountId }];
  }
  const excluded = new Set(request.excludeAccounts ?? []);
  return { targets: targets.filter((t) => !excluded.has(t.accountId)), malformedEntries };
}
