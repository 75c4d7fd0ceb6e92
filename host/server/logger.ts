import { randomUUID } from 'node:crypto';
import type { ILogger } from '#pos-api';
import type { LogLevel } from '../config.js';

const rank: Record<LogLevel, number> = { verbose: 0, info: 1, warning: 2, error: 3, silent: 4 };

/**
 * `context.logger` of the dev host: one line per message on stderr, so stdout carries only the
 * readiness line that scripts wait for.
 */
export function createHostLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ILogger {
  const at = (lineLevel: Exclude<LogLevel, 'silent'>, label: string) => (message: string, correlationId?: string) => {
    if (rank[lineLevel] < rank[level]) return;
    write(`${new Date().toISOString()} ${label} ${message}${correlationId ? ` [${correlationId}]` : ''}`);
  };
  return {
    logVerbose: at('verbose', 'VERBOSE'),
    logInformational: at('info', 'INFO'),
    logWarning: at('warning', 'WARN'),
    logError: at('error', 'ERROR'),
    logCriticalError: at('error', 'CRITICAL'),
    getNewCorrelationId: () => randomUUID(),
  };
}
