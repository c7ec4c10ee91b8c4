import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { UsageError, type ExitCode } from '../../core/errors.js';
import { checkOutputPath, openOutput } from '../output-file.js';
import { toolInfo } from '../version.js';

/** `rpguard merge`: combine shard reports (`scan --shard K/N --format json`) into one. */
export function registerMergeCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  program
    .command('merge')
    .description('Combine JSON reports of `rpguard scan --shard K/N` into one report with a correct summary')
    .argument('<files...>', 'shard reports written with --format json --output FILE')
    .requiredOption('--output <file>', 'where to write the merged JSON report (atomically; - for stdout)')
    .action(async (files: string[], flags: { output: string }) => {
      for (const file of files) {
        if (!existsSync(file)) throw new UsageError(`merge: ${file}: no such file`);
        if (!statSync(file).isFile())
          throw new UsageError(`merge: ${file}: not a regular file (give the shard reports themselves)`);
      }
      // `--output -`: the merged report goes to stdout.
      const output = flags.output === '-' ? undefined : checkOutputPath(flags.output);
      const file = output === undefined ? undefined : openOutput(output);
      const target = file ?? {
        write: (text: string) => void process.stdout.write(text),
        commit: () => undefined,
        discard: () => undefined,
      };
      try {
        // stream-json loads only when merging.
        const { mergeReports } = await import('../../report/merge.js');
        const { exitCode, findings, missingShards } = await mergeReports(files, target, toolInfo);
        target.commit();
        if (missingShards.length > 0) {
          process.stderr.write(
            `rpguard: warning: the merged report is incomplete: shards missing: ${missingShards.join(', ')}\n`,
          );
        }
        process.stderr.write(
          `rpguard: merged ${files.length} report(s), ${findings} finding(s), into ${output ?? 'standard output'}\n`,
        );
        setExitCode(exitCode as ExitCode);
      } catch (error) {
        target.discard();
        throw error;
      }
    });
}
