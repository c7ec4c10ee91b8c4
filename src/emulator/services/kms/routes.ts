/** AWS KMS (awsJson1_1): operations found by `X-Amz-Target: TrentService.<Operation>`. */
import { awsJson, parseJsonBody, targetOperation } from '../../protocols/aws-json.js';
import type { EmulatedService, Handler } from '../../types.js';
import { describeKey } from './describe-key.js';
import { listAliases } from './list-aliases.js';

const operations: Record<string, Handler<Record<string, unknown>>> = {
  DescribeKey: describeKey,
  ListAliases: listAliases,
};

/** The AWS KMS service. */
export const kmsService: EmulatedService = {
  name: 'kms',
  protocol: awsJson,
  route(request) {
    const operation = targetOperation(request, 'TrentService');
    const handler = operation === undefined ? undefined : operations[operation];
    if (!operation || !handler || request.method !== 'POST') return undefined;
    return { operation, run: (ctx) => handler(parseJsonBody(request.body), ctx) };
  },
};
