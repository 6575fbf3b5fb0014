/**
 * The level of the server's log (its output channel), from `dockerfileSlim.logLevel`: `error` (failures only),
 * `info` (also the version at start and where each document's settings come from; the default) or `debug`
 * (also each lint's time and number of findings).
 */
export type LogLevel = 'error' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'info', 'debug'];

let level: LogLevel = 'info';

/** Sets the level from the raw setting; anything else leaves it as it is. */
export function setLogLevel(raw: unknown): void {
  if (typeof raw === 'string' && (LOG_LEVELS as readonly string[]).includes(raw)) level = raw as LogLevel;
}

/** Whether messages of this level are written. */
export function logs(at: LogLevel): boolean {
  return LOG_LEVELS.indexOf(at) <= LOG_LEVELS.indexOf(level);
}
