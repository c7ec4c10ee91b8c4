import { Command, CommanderError } from 'commander';
import { ExitCode, RpguardError } from '../core/errors.js';
import { registerEmulatorCommand } from './commands/emulator.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerScanCommand } from './commands/scan.js';
import { commandStarting } from './interrupts.js';
import { toolInfo } from './version.js';

/** Build the command tree; exit codes are reported through setExitCode so tests can drive it. */
export function buildProgram(setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('rpguard')
    .description('Prove every AWS Backup recovery point is encrypted at rest; explain each one that is not.')
    .version(toolInfo.version)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: () => undefined });
  program.addHelpText(
    'after',
    '\nExit codes: 0 all judged, nothing failed; 1 a FAIL; 2 usage, configuration or input error; 3 no FAIL but incomplete.',
  );
  registerScanCommand(program, setExitCode);
  registerEmulatorCommand(program);
  registerMergeCommand(program, setExitCode);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ outputError: () => undefined });
  // A Ctrl-C during start-up is kept for the scan (it stops cleanly); any other command just ends.
  program.hook('preAction', (_program, action) => commandStarting(action.name() === 'scan'));
  return program;
}

// The SDK warns on every run that releases after early January 2027 need Node 22; the README says
// so once. Set AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=false to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Run the CLI; known errors become one line on stderr and a documented exit code; unknown ones are bugs and re-thrown. */
export async function main(argv: string[]): Promise<void> {
  let exitCode: ExitCode = ExitCode.Ok;
  try {
    await buildProgram((code) => (exitCode = code)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        exitCode = ExitCode.Ok;
      } else {
        process.stderr.write(
          `rpguard: ${error.message.replace(/^error: /, '').split('\n')[0]} (see rpguard --help)\n`,
        );
        exitCode = ExitCode.Usage;
      }
    } else if (error instanceof RpguardError) {
      process.stderr.write(`rpguard: ${error.message}\n`);
      exitCode = error.exitCode;
    } else {
      throw error;
    }
  }
  process.exitCode = exitCode;
}
