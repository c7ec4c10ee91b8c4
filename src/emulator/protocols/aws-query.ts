/** awsQuery (STS): form in, XML out wrapped in `<OpResponse><OpResult>`. */
import { ApiError } from '../api-error.js';
import type { Protocol } from '../types.js';
import { el, xmlEscape } from './xml.js';

/** The awsQuery envelopes for a service whose XML lives in `namespace`. */
export function awsQuery(namespace: string): Protocol {
  const ns = xmlEscape(namespace);
  return {
    success: (operation, output, requestId) => ({
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body:
        `<${operation}Response xmlns="${ns}"><${operation}Result>${String(output ?? '')}</${operation}Result>` +
        `<ResponseMetadata>${el('RequestId', requestId)}</ResponseMetadata></${operation}Response>`,
    }),
    error: (error, requestId) => ({
      status: error.status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body:
        `<ErrorResponse xmlns="${ns}"><Error>${el('Type', error.isServerFault ? 'Receiver' : 'Sender')}` +
        `${el('Code', error.code)}${el('Message', error.message)}</Error>${el('RequestId', requestId)}</ErrorResponse>`,
    }),
    unknownOperation: (detail) => new ApiError(400, 'InvalidAction', `Could not find operation ${detail}`),
  };
}
