import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: loadScenario('small') });
});
afterAll(() => emulator.close());

describe('emulator request size', () => {
  it('answers a body over 5 MB with an AWS-style 413, and keeps serving', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    const answer = await fetch(`${emulator.url}/`, {
      method: 'POST',
      body: big,
      headers: { 'x-amz-target': 'TrentService.DescribeKey' },
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLarge');
    expect(((await answer.json()) as { Code: string }).Code).toBe('RequestEntityTooLarge');
    const stats = await fetch(`${emulator.url}/_emulator/stats`);
    expect(stats.status).toBe(200);
  });
});
