import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import type { Gap, KeyInfo } from '../core/types.js';
import { awsErrorFacts } from './aws-error.js';
import { ScanInterruptedError, type ClientFactory } from './clients.js';
import { arnParts, toKeyInfo } from './mappers.js';

/**
 * Describes each distinct KMS key once per scan. A key we may not describe (another account's,
 * access denied) yields KeyInfo with describeError: the key class is then unknown, and the
 * encryption verdict does not change.
 */
export class KeyResolver {
  private readonly cache = new Map<string, Promise<KeyInfo>>();
  /** Keys that could not be described, for the report. */
  readonly gaps: Gap[] = [];

  /** Describe with the clients of the account that found the key (its role can read its own keys). */
  resolve(keyArn: string, clients: ClientFactory): Promise<KeyInfo> {
    let info = this.cache.get(keyArn);
    if (!info) {
      info = this.describe(keyArn, clients);
      this.cache.set(keyArn, info);
    }
    return info;
  }

  /** Every key resolved so far. */
  async known(): Promise<KeyInfo[]> {
    // A describe cut short by Ctrl-C has no answer to report.
    const settled = await Promise.allSettled(this.cache.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  private async describe(keyArn: string, clients: ClientFactory): Promise<KeyInfo> {
    const { region, accountId } = arnParts(keyArn);
    try {
      const answer = await clients.kms(region).send(new DescribeKeyCommand({ KeyId: keyArn }));
      const info = toKeyInfo(keyArn, answer.KeyMetadata);
      if (info.describeError) {
        this.gaps.push({
          scope: { kind: 'key', accountId, region, keyArn },
          operation: 'DescribeKey',
          ...info.describeError,
          requestId: answer.$metadata.requestId,
        });
      }
      return info;
    } catch (error) {
      if (error instanceof ScanInterruptedError) throw error;
      const facts = awsErrorFacts(error);
      this.gaps.push({
        scope: { kind: 'key', accountId, region, keyArn },
        operation: 'DescribeKey',
        ...facts,
      });
      return {
        keyArn,
        describeError: { errorName: facts.errorName, message: facts.message, requestId: facts.requestId },
      };
    }
  }
}
