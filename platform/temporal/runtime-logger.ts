import { DefaultLogger, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../logger';

/**
 * The Temporal SDK's own log lines (an activity that failed, with its error) through our logger, so
 * they pass the same serializer: a database error's message, SQL and LINE response bodies stay out.
 */
export function runtimeLogger(logger: Logger, level: LogLevel = 'INFO'): DefaultLogger {
  return new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
    const method = entryLevel.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
    logger[method]({ ...meta, sdk: true }, message);
  });
}
