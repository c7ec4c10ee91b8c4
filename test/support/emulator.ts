import { scenarioSchema, type ScenarioInput } from '../../src/emulator/scenario-schema.js';
import { startEmulator, type LoadOptions, type RunningEmulator } from '../../src/emulator/server.js';

/** Start the project's emulator on a free 127.0.0.1 port with a scenario given inline. */
export function startScenario(input: ScenarioInput, load?: LoadOptions): Promise<RunningEmulator> {
  return startEmulator({ scenario: scenarioSchema.parse(input), ...(load ? { load } : {}) });
}
