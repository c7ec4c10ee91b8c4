#!/usr/bin/env node
// The entry stays this small so the signal handlers are installed before the rest of the CLI
// (commander, zod, the AWS SDK) is even loaded: no Ctrl-C is lost during start-up.
import './interrupts.js';

const { main } = await import('./program.js');
await main(process.argv);
