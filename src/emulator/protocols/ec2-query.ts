/** The ec2 protocol: form in, XML out with a lower-case `requestId`, errors in `<Response><Errors>`. */
import { ApiError } from '../api-error.js';
import type { Protocol } from '../types.js';
import { el } from './xml.js';

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** The ec2 envelopes. */
export const ec2Query: Protocol = {
  success: (operation, output, requestId) => ({
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body: `<${operation}Response xmlns="${NAMESPACE}">${el('requestId', requestId)}${String(output ?? '')}</${operation}Response>`,
  }),
  error: (error, requestId) => ({
    status: error.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body:
      `<Response><Errors><Error>${el('Code', error.code)}${el('Message', error.message)}</Error></Errors>` +
      `${el('RequestID', requestId)}</Response>`,
  }),
  unknownOperation: (detail) =>
    new ApiError(400, 'InvalidAction', `The action ${detail} is not valid for this web service.`),
};
