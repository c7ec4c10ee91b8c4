/**
 * AWS Organizations (awsJson1_1): operations found by `X-Amz-Target: AWSOrganizationsV20161128.<Op>`.
 * The service is global; SDKs sign for `organizations` in us-east-1 and send it to the same endpoint.
 */
import { awsJson, parseJsonBody, targetOperation } from '../../protocols/aws-json.js';
import type { EmulatedService, Handler } from '../../types.js';
import { listAccounts } from './list-accounts.js';

/** The `X-Amz-Target` prefix of Organizations operations. */
export const ORGANIZATIONS_TARGET = 'AWSOrganizationsV20161128';

const operations: Record<string, Handler<Record<string, unknown>>> = { ListAccounts: listAccounts };

/** The AWS Organizations service (ListAccounts only). */
export const organizationsService: EmulatedService = {
  name: 'organizations',
  protocol: awsJson,
  route(request) {
    const operation = targetOperation(request, ORGANIZATIONS_TARGET);
    const handler = operation === undefined ? undefined : operations[operation];
    if (!operation || !handler || request.method !== 'POST') return undefined;
    return { operation, run: (ctx) => handler(parseJsonBody(request.body), ctx) };
  },
};
