import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './log-levels.js';

/**
 * Logs go to stderr only (stdout carries the report). Credentials never reach a log: they are
 * never logged, and the redaction list is a second line of defence.
 */
export function createLogger(level: LogLevel, format: LogFormat): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ['*.secretAccessKey', '*.sessionToken', '*.accessKeyId', '*.SecretAccessKey', '*.SessionToken'],
      censor: '[redacted]',
    },
  };
  if (format === 'json') return pino(options, pino.destination({ fd: 2, sync: true }));
  return pino(
    options,
    pretty({
      destination: 2,
      sync: true,
      colorize: process.stderr.isTTY === true,
      ignore: 'pid,hostname',
      translateTime: 'SYS:HH:MM:ss',
    }),
  );
}
