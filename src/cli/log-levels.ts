/** Log formats and levels accepted by --log-format and --log-level. */
export type LogFormat = 'text' | 'json';
export const logLevels = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof logLevels)[number];
