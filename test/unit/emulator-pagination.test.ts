import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePageToken, encodePageToken } from '../../src/emulator/services/backup/page-token.js';
import { PointSequence } from '../../src/emulator/services/backup/points.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { EmulatorState } from '../../src/emulator/state.js';
import { backupGet, scenario } from './emulator-helpers.js';

const huge = scenario({
  name: 'huge',
  accounts: [
    {
      accountId: '111122223333',
      regions: {
        'us-east-1': {
          keys: [{ KeyId: 'k1' }],
          vaults: [
            { BackupVaultName: 'huge', EncryptionKeyArn: 'KEY:k1', generate: { count: 10_000_000 } },
            {
              BackupVaultName: 'small',
              generate: { count: 250, ResourceType: 'EBS', IsEncrypted: false },
              points: [
                {
                  RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:tail',
                  ResourceType: 'DynamoDB',
                  IsEncrypted: false,
                },
              ],
            },
            {
              BackupVaultName: 'flaky',
              generate: { count: 30 },
              failAfterPages: 2,
              listRecoveryPointsError: {
                status: 500,
                code: 'ServiceUnavailableException',
                message: 'try later',
              },
            },
          ],
        },
      },
    },
  ],
});

describe('page tokens', () => {
  it('round-trip and are opaque (no vault name or ARN in clear text)', () => {
    const token = encodePageToken({
      scope: 'points:arn:aws:backup:us-east-1:1:backup-vault:v',
      offset: 100,
      page: 1,
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('backup-vault');
    expect(decodePageToken(token, 'points:arn:aws:backup:us-east-1:1:backup-vault:v', 200)).toMatchObject({
      offset: 100,
      page: 1,
    });
  });

  it('reject tampered, foreign and out-of-range tokens', () => {
    const token = encodePageToken({ scope: 'a', offset: 5, page: 1 });
    expect(() => decodePageToken(token, 'b', 10)).toThrow(/NextToken is not valid/);
    expect(() => decodePageToken(token, 'a', 4)).toThrow(/NextToken is not valid/);
    expect(() => decodePageToken('not-a-token', 'a', 10)).toThrow(/NextToken is not valid/);
    expect(() => decodePageToken(`${token}x`, 'a', 10)).toThrow(/NextToken is not valid/);
  });
});

describe('generated points', () => {
  it('page through 10,000,000 points without materialising them', () => {
    const before = process.memoryUsage().heapUsed;
    const vault = new EmulatorState(huge)
      .region('111122223333', 'us-east-1')
      .findVault('huge', '111122223333');
    if (!vault) throw new Error('vault missing');
    const seq = new PointSequence(vault, {});
    expect(seq.length).toBe(10_000_000);
    const last = seq.page(9_999_999, 1000);
    expect(last).toHaveLength(1);
    expect(last[0]?.RecoveryPointArn).toBe(
      'arn:aws:backup:us-east-1:111122223333:recovery-point:gen-huge-9999999',
    );
    expect(last[0]?.EncryptionKeyArn).toBe('arn:aws:kms:us-east-1:111122223333:key/k1');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('turn filters into index ranges', () => {
    const vault = new EmulatorState(huge)
      .region('111122223333', 'us-east-1')
      .findVault('huge', '111122223333');
    if (!vault) throw new Error('vault missing');
    expect(new PointSequence(vault, { resourceType: 'EBS' }).length).toBe(0);
    const arn = new PointSequence(vault, {}).page(1234, 1)[0]?.ResourceArn as string;
    const one = new PointSequence(vault, { resourceArn: arn });
    expect(one.length).toBe(1);
    expect(one.page(0, 10)[0]?.RecoveryPointArn).toMatch(/gen-huge-0001234$/);
  });
});

describe('ListRecoveryPointsByBackupVault paging over HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: huge });
  });
  afterAll(() => emulator.close());
  const list = (vault: string, query = '') =>
    backupGet(emulator.url, `/backup-vaults/${vault}/recovery-points/${query}`);

  it('defaults to 100 per page and ends with the explicit points', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const q = token ? `?nextToken=${encodeURIComponent(token)}` : '';
      const { status, body } = await list('small', q);
      expect(status).toBe(200);
      const points = body.RecoveryPoints as { RecoveryPointArn: string }[];
      expect(points.length).toBeLessThanOrEqual(100);
      seen.push(...points.map((p) => p.RecoveryPointArn));
      token = body.NextToken as string | undefined;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
    expect(seen.at(-1)).toBe('arn:aws:backup:us-east-1:111122223333:recovery-point:tail');
  });

  it('serves the first page of a 10,000,000-point vault', async () => {
    const { body } = await list('huge', '?maxResults=1000');
    expect(body.RecoveryPoints).toHaveLength(1000);
    expect(typeof body.NextToken).toBe('string');
  });

  it('rejects a token from another vault or filter', async () => {
    const { body } = await list('small', '?maxResults=10');
    const token = encodeURIComponent(body.NextToken as string);
    const foreign = await list('huge', `?nextToken=${token}`);
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
    expect((await list('small', `?nextToken=${token}&resourceType=EBS`)).status).toBe(400);
    expect((await list('small', `?nextToken=garbage`)).status).toBe(400);
  });

  it('answers the injected error only after failAfterPages good pages', async () => {
    const first = await list('flaky', '?maxResults=10');
    expect(first.status).toBe(200);
    const second = await list(
      'flaky',
      `?maxResults=10&nextToken=${encodeURIComponent(first.body.NextToken as string)}`,
    );
    expect(second.status).toBe(200);
    const third = await list(
      'flaky',
      `?maxResults=10&nextToken=${encodeURIComponent(second.body.NextToken as string)}`,
    );
    expect(third.status).toBe(500);
    expect(third.body).toEqual({ Code: 'ServiceUnavailableException', Message: 'try later' });
  });
});
