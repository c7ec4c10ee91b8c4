/**
 * Contract: Organizations ListAccounts as the AWS CLI (botocore) sees it, against the emulator and
 * against moto 5.2.1 holding the same organization (created there with boto3).
 *
 * Known moto differences (we keep the AWS-model behaviour and assert it explicitly):
 *  1. moto accepts MaxResults 21; the model bounds it to 1..20 (we answer InvalidInputException).
 *  2. moto's management account has JoinedMethod CREATED; the emulator defaults it to INVITED
 *     (the management account creates the organization rather than being created by it) and
 *     member accounts to CREATED. A scenario can set `joinedMethod` per account.
 *  3. moto ends the last page with `"NextToken": null`; the emulator omits the member, as AWS
 *     services do for absent members. Both parse to "no more pages".
 *  4. moto's JoinedTimestamp is the creation time with microseconds; the emulator's is a fixed
 *     whole epoch second (2024-01-01 plus one day per account), so runs are reproducible.
 *  5. moto answers `content-type: text/html`; the emulator `application/x-amz-json-1.1`.
 *  6. Organization ids differ (`o-` + 10 random characters in moto, `o-exampleorgid` here).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/emulator/scenario-schema.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { aws, cliEnv, startMoto, type AwsResult, type Moto } from './cli-helpers.js';

/** Creates an organization with two member accounts in moto; prints the accounts moto holds. */
const SETUP = `
import boto3, json, sys
org = boto3.client('organizations', endpoint_url=sys.argv[1], region_name='us-east-1')
org.create_organization(FeatureSet='ALL')
for name in ('audit', 'workloads'):
    org.create_account(Email=name + '@example.com', AccountName=name)
print(json.dumps([{k: a[k] for k in ('Id', 'Name', 'Email')} for a in org.list_accounts()['Accounts']]))
`;

let moto: Moto;
let emulator: RunningEmulator;
let accounts: { Id: string; Name: string; Email: string }[];
const ours = {} as Record<string, AwsResult>;
const theirs = {} as Record<string, AwsResult>;

beforeAll(async () => {
  moto = await startMoto();
  const { stdout } = await promisify(execFile)('python3', ['-c', SETUP, moto.url], { env: cliEnv() });
  accounts = JSON.parse(stdout) as typeof accounts;
  const scenario = scenarioSchema.parse({
    name: 'moto-org',
    callerAccountId: accounts[0]?.Id,
    accounts: accounts.map((a) => ({ accountId: a.Id, name: a.Name, email: a.Email, regions: {} })),
  });
  emulator = await startEmulator({ scenario });
  const member = `ASIA${accounts[1]?.Id ?? ''}ABCD`;
  const runs: [string, string[], Record<string, string>?][] = [
    ['all', ['organizations', 'list-accounts']],
    ['paged', ['organizations', 'list-accounts', '--page-size', '1']],
    ['tooMany', ['organizations', 'list-accounts', '--max-results', '21']],
    ['member', ['organizations', 'list-accounts'], { AWS_ACCESS_KEY_ID: member }],
  ];
  await Promise.all(
    runs.flatMap(([name, args, env]) => [
      aws(emulator.url, 'us-east-1', args, env).then((res) => (ours[name] = res)),
      aws(moto.url, 'us-east-1', args, env).then((res) => (theirs[name] = res)),
    ]),
  );
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await moto?.stop();
});

/** Replaces generated values (organization id, join time) so the answers compare. */
function normalise(account: Record<string, unknown>): Record<string, unknown> {
  return {
    ...account,
    Arn: String(account.Arn).replace(/\/o-[a-z0-9]+\//, '/o-ORG/'),
    JoinedTimestamp: typeof account.JoinedTimestamp,
  };
}

const errorCode = (res: AwsResult | undefined) => /An error occurred \((\w+)\)/.exec(res?.stderr ?? '')?.[1];

describe('aws organizations list-accounts', () => {
  it('lists the same accounts as moto, member for member (differences 2, 4 and 6 normalised)', () => {
    expect(ours.all?.stderr).toBe('');
    expect(theirs.all?.stderr).toBe('');
    const a = (ours.all?.json.Accounts as Record<string, unknown>[]).map(normalise);
    const b = (theirs.all?.json.Accounts as Record<string, unknown>[]).map(normalise);
    expect(a).toHaveLength(3);
    expect(a[0]?.JoinedMethod).toBe('INVITED');
    expect(b[0]?.JoinedMethod).toBe('CREATED');
    expect(a).toEqual(b.map((x, i) => (i === 0 ? { ...x, JoinedMethod: 'INVITED' } : x)));
    expect(a[0]?.JoinedTimestamp).toBe('number'); // AWS CLI v1 prints the wire's epoch seconds
    expect(ours.all?.json.NextToken).toBeUndefined();
  });

  it('follows NextToken page by page like moto (--page-size 1 sends MaxResults 1)', () => {
    for (const side of [ours.paged, theirs.paged]) {
      expect(side?.stderr).toBe('');
      expect((side?.json.Accounts as { Id: string }[]).map((x) => x.Id)).toEqual(accounts.map((x) => x.Id));
    }
    // all (1 page) + paged (3 pages of one) + tooMany (1) + member (1)
    expect(emulator.stats().byOperation.ListAccounts).toBe(6);
  });

  it('rejects MaxResults 21 as the model says; moto accepts it (difference 1)', () => {
    expect(ours.tooMany?.code).not.toBe(0);
    expect(errorCode(ours.tooMany)).toBe('InvalidInputException');
    expect(theirs.tooMany?.code).toBe(0);
  });

  it('refuses a member account with AccessDeniedException', () => {
    expect(errorCode(ours.member)).toBe('AccessDeniedException');
    expect(ours.member?.stderr).toMatch(/You don't have permissions to access this resource/);
  });
});
