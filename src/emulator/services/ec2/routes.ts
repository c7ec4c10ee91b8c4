/** Amazon EC2 (ec2 query protocol): operations found by the form field `Action`. */
import { ec2Query } from '../../protocols/ec2-query.js';
import { formParams } from '../../protocols/form.js';
import type { EmulatedService, Handler } from '../../types.js';
import { describeRegions } from './describe-regions.js';

const operations: Record<string, Handler<URLSearchParams>> = { DescribeRegions: describeRegions };

/** The Amazon EC2 service (DescribeRegions only). */
export const ec2Service: EmulatedService = {
  name: 'ec2',
  protocol: ec2Query,
  route(request) {
    const params = formParams(request);
    const operation = params.get('Action') ?? '';
    const handler = operations[operation];
    return handler && { operation, run: (ctx) => handler(params, ctx) };
  },
};
