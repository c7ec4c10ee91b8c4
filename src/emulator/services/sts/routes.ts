/** AWS STS (awsQuery): operations found by the form field `Action`. */
import { awsQuery } from '../../protocols/aws-query.js';
import { formParams } from '../../protocols/form.js';
import type { EmulatedService, Handler } from '../../types.js';
import { assumeRole } from './assume-role.js';
import { getCallerIdentity } from './get-caller-identity.js';

const operations: Record<string, Handler<URLSearchParams>> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};

/** The AWS STS service. */
export const stsService: EmulatedService = {
  name: 'sts',
  protocol: awsQuery('https://sts.amazonaws.com/doc/2011-06-15/'),
  route(request) {
    const params = formParams(request);
    const operation = params.get('Action') ?? '';
    const handler = operations[operation];
    return handler && { operation, run: (ctx) => handler(params, ctx) };
  },
};
