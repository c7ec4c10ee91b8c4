import { scenarioSchema, type ScenarioInput } from '../../src/emulator/scenario-schema.js';

type RegionsInput = ScenarioInput['accounts'][number]['regions'];

/** A scenario with the one audited account (111122223333) and the given regions. */
export function oneAccountScenario(name: string, regions: RegionsInput): ScenarioInput {
  return { name, accounts: [{ accountId: '111122223333', regions }] };
}
import { startEmulator, type LoadOptions, type RunningEmulator } from '../../src/emulator/server.js';

/** Start the project's emulator on a free 127.0.0.1 port with a scenario given inline. */
export function startScenario(input: ScenarioInput, load?: LoadOptions): Promise<RunningEmulator> {
  return startEmulator({ scenario: scenarioSchema.parse(input), ...(load ? { load } : {}) });
}
