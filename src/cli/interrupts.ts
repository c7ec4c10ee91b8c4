import { setMaxListeners } from 'node:events';

/**
 * Ctrl-C, SIGTERM and SIGHUP, installed before anything else loads, so no signal is lost in a window
 * between handlers. Until a command claims them, a signal ends the process as Node would (130)
 * unless the command has its own handler;
 * once claimed (a scan), the first aborts the work cleanly and the second exits at once.
 */
const controller = new AbortController();
// Every in-flight AWS call listens to this signal; hundreds at once are expected, not a leak.
setMaxListeners(0, controller.signal);
let claimed = false;
let commandStarted = false;
const listeners: ((signal: NodeJS.Signals) => void)[] = [];

function onSignal(signal: NodeJS.Signals): void {
  if (!claimed) {
    // Before any command runs, keep the signal: a scan about to start will see it and stop cleanly.
    if (!commandStarted) {
      controller.abort();
      return;
    }
    // Another command (the emulator) handles its own stop; otherwise end as Node would.
    if (process.listenerCount(signal) > 1) return;
    process.exit(130);
  }
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
  for (const listener of listeners) listener(signal);
}
// SIGHUP: the terminal running the scan went away; stop as cleanly as for Ctrl-C.
process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGHUP', onSignal);

/**
 * The reader of stdout went away (`rpguard scan --format json | head`): nothing more can be
 * delivered there, so stop the scan as for a signal instead of crashing on EPIPE.
 */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  if (!controller.signal.aborted) {
    process.stderr.write('rpguard: standard output was closed; stopping\n');
    onSignal('SIGPIPE');
  }
});

/** Take over Ctrl-C for a clean stop; `onStop` is told of the first signal. Returns the abort signal. */
export function claimInterrupts(onStop?: (signal: NodeJS.Signals) => void): AbortSignal {
  claimed = true;
  if (onStop) listeners.push(onStop);
  return controller.signal;
}

/** Give signals back to their default meaning (end the process). */
export function releaseInterrupts(): void {
  claimed = false;
  listeners.length = 0;
}

/** Called as a command starts; a command that does not handle signals ends now if one already came. */
export function commandStarting(handlesInterrupts: boolean): void {
  commandStarted = true;
  if (!handlesInterrupts && controller.signal.aborted) process.exit(130);
}
