import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/collect/aws-error.js';
import { safe } from '../../src/report/console-report.js';
import { missingShards } from '../../src/report/merge.js';

describe('redactSecrets', () => {
  it('removes session tokens, access key ids and signatures quoted in AWS messages', () => {
    const message =
      "The Canonical String was 'GET\nx-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLE\n' for AKIAIOSFODNN7EXAMPLE Signature=0123456789abcdef0123456789abcdef";
    expect(redactSecrets(message)).toBe(
      "The Canonical String was 'GET\nx-amz-security-token:[redacted]\n' for [redacted-access-key] Signature=[redacted]",
    );
  });
  it('removes long base64 runs and leaves ARNs alone', () => {
    const token = 'A'.repeat(120);
    expect(redactSecrets(`token ${token} on arn:aws:backup:us-east-1:111122223333:backup-vault:prod`)).toBe(
      'token [redacted-token] on arn:aws:backup:us-east-1:111122223333:backup-vault:prod',
    );
  });
});

describe('safe (console text)', () => {
  it('neutralises escape sequences, line breaks and bidirectional overrides', () => {
    expect(safe('\u001b[31mRED\u001b[0m\nFAKE Result: PASS\u202e')).toBe('?[31mRED?[0m?FAKE Result: PASS?');
    expect(safe(undefined)).toBe('');
  });
});

describe('missingShards', () => {
  it('names absent shards, mixed sizes and repeats', () => {
    expect(missingShards(['1/3', '3/3'])).toEqual(['2/3']);
    expect(missingShards(['1/2', '2/2'])).toEqual([]);
    expect(missingShards(['1/2', '1/3'])).toEqual(['shards of different sizes (2, 3) were mixed']);
    expect(missingShards([])).toEqual([]);
  });
});
