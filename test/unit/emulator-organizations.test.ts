import {
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/emulator/generate.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { formCall, orgCall, scenario } from './emulator-helpers.js';

const MGMT = '222233334444';
const org = scenario({
  name: 'org',
  callerAccountId: MGMT,
  accounts: [
    { accountId: '111122223333', name: 'first', regions: {} },
    { accountId: MGMT, name: 'management', email: 'root@example.org', regions: {} },
    { accountId: '333344445555', status: 'SUSPENDED', regions: {} },
    { accountId: '444455556666', joinedMethod: 'INVITED', joinedTimestamp: 1_600_000_000, regions: {} },
    { accountId: '555566667777', regions: {} },
  ],
});

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: org });
});
afterAll(() => emulator.close());

describe('Organizations ListAccounts (awsJson1_1)', () => {
  it('pages every scenario account with opaque tokens and the Account shape', async () => {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const { status, headers, body } = await orgCall(emulator.url, 'ListAccounts', {
        MaxResults: 2,
        ...(token ? { NextToken: token } : {}),
      });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/x-amz-json-1.1');
      ids.push(...(body.Accounts as { Id: string }[]).map((a) => a.Id));
      token = body.NextToken as string | undefined;
      if (token) expect(token).not.toContain(MGMT);
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(ids).toEqual(org.accounts.map((a) => a.accountId));

    const { body } = await orgCall(emulator.url, 'ListAccounts', {});
    const accounts = body.Accounts as Record<string, unknown>[];
    expect(accounts).toHaveLength(5);
    expect(body.NextToken).toBeUndefined();
    expect(accounts[1]).toEqual({
      Id: MGMT,
      Arn: `arn:aws:organizations::${MGMT}:account/o-exampleorgid/${MGMT}`,
      Email: 'root@example.org',
      Name: 'management',
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: 'INVITED',
      JoinedTimestamp: 1_704_067_200 + 86_400,
    });
    expect(accounts[0]).toMatchObject({ Email: 'aws+111122223333@example.com', JoinedMethod: 'CREATED' });
    expect(accounts[2]).toMatchObject({
      Status: 'SUSPENDED',
      State: 'SUSPENDED',
      Name: 'account-333344445555',
    });
    expect(accounts[3]).toMatchObject({ JoinedMethod: 'INVITED', JoinedTimestamp: 1_600_000_000 });
    for (const a of accounts) {
      expect(a.Arn).toMatch(/^arn:aws:organizations::\d{12}:account\/o-[a-z0-9]{10,32}\/\d{12}$/);
      expect(typeof a.JoinedTimestamp).toBe('number');
    }
  });

  it('answers InvalidInputException for MaxResults outside 1..20 and foreign tokens', async () => {
    for (const MaxResults of [0, 21, 'x']) {
      const { status, headers, body } = await orgCall(emulator.url, 'ListAccounts', { MaxResults });
      expect(status).toBe(400);
      expect(headers.get('x-amzn-errortype')).toBe('InvalidInputException');
      expect(body).toMatchObject({ __type: 'InvalidInputException' });
      expect(body.message).toMatch(/MaxResults/);
    }
    const bad = await orgCall(emulator.url, 'ListAccounts', { NextToken: 'bm90LWEtdG9rZW4' });
    expect(bad).toMatchObject({ status: 400, body: { __type: 'InvalidInputException' } });
  });

  it('lets only the management account call it', async () => {
    const assumed = await formCall(emulator.url, 'sts', {
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: 'arn:aws:iam::111122223333:role/audit',
      RoleSessionName: 'member',
    });
    const key = /<AccessKeyId>([^<]+)</.exec(assumed.text)?.[1] ?? '';
    const member = await orgCall(emulator.url, 'ListAccounts', {}, key);
    expect(member.status).toBe(400);
    expect(member.body).toEqual({
      __type: 'AccessDeniedException',
      message: "You don't have permissions to access this resource.",
    });
    const unknown = await orgCall(emulator.url, 'DescribeOrganization', {});
    expect(unknown).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
  });

  it('serves the JS SDK v3 paginator over a generated 45-account organization', async () => {
    const big = await startEmulator({
      scenario: generateScenario({ accounts: 45, regions: 1, vaults: 0, points: 0, unencrypted: 0 }),
    });
    try {
      const client = new OrganizationsClient({
        endpoint: big.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test-key-id', secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      });
      const ids: string[] = [];
      for await (const page of paginateListAccounts({ client }, {})) {
        expect(page.Accounts?.length).toBeLessThanOrEqual(20);
        for (const a of page.Accounts ?? []) {
          expect(a.JoinedTimestamp).toBeInstanceOf(Date);
          ids.push(a.Id ?? '');
        }
      }
      expect(ids).toHaveLength(45);
      expect(ids[0]).toBe('100000000001');
      expect(new Set(ids).size).toBe(45);
      await expect(client.send(new ListAccountsCommand({ MaxResults: 25 }))).rejects.toMatchObject({
        name: 'InvalidInputException',
      });
      expect(big.stats().byOperation.ListAccounts).toBe(4);
    } finally {
      await big.close();
    }
  });
});
