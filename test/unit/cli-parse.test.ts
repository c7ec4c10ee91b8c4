import { describe, expect, it } from 'vitest';
import {
  parseAccountList,
  parseEndpointUrl,
  parseIntInRange,
  parseRegionList,
  parseShard,
} from '../../src/cli/parse.js';

describe('flag parsing', () => {
  it('accepts region lists and drops duplicates', () => {
    expect(parseRegionList('--regions', 'us-east-1, eu-west-1,us-east-1')).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
    expect(parseRegionList('--regions', 'us-gov-west-1,ap-southeast-5')).toEqual([
      'us-gov-west-1',
      'ap-southeast-5',
    ]);
  });
  it.each([['us-east'], ['US-EAST-1'], ['us_east_1'], [''], [','], ['us-east-1;rm']])(
    'rejects region list %j with one line',
    (value) => {
      expect(() => parseRegionList('--regions', value)).toThrowError(/^--regions: /);
    },
  );
  it('rejects bad account ids, naming the flag and the value', () => {
    expect(parseAccountList('--accounts', '111122223333,444455556666')).toEqual([
      '111122223333',
      '444455556666',
    ]);
    expect(() => parseAccountList('--accounts', '1111')).toThrowError(
      "--accounts: '1111' is not a 12-digit AWS account id",
    );
  });
  it('parses shards K/N', () => {
    expect(parseShard('--shard', '2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1-4', '1/'])
      expect(() => parseShard('--shard', bad)).toThrowError(/--shard/);
  });
  it('checks numbers and URLs', () => {
    expect(parseIntInRange('--max-rps', '10', 1, 50)).toBe(10);
    expect(() => parseIntInRange('--max-rps', '51', 1, 50)).toThrowError(
      "--max-rps: '51' must be a whole number from 1 to 50",
    );
    expect(parseEndpointUrl('--endpoint-url', 'http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(() => parseEndpointUrl('--endpoint-url', 'ftp://x')).toThrowError(/http/);
    expect(() => parseEndpointUrl('--endpoint-url', 'not a url')).toThrowError(/is not a URL/);
    expect(() => parseEndpointUrl('--endpoint-url', 'http://user:pw@127.0.0.1')).toThrowError(
      /must not carry credentials/,
    );
  });
});
