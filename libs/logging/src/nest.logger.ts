import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '@ollama-guard/config';

const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const RANK = { silent: -1, fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 } as const;

/** Nest's levels up to the configured one (`info` is Nest's `log`, `trace` its `verbose`). */
export function nestLogLevels(level: AppConfig['log']['level']): LogLevel[] {
  return NEST_LEVELS.slice(0, RANK[level] + 1);
}

/** One JSON line per event, so log collectors in Kubernetes need no parsing rules. */
export function createNestLogger(config: AppConfig): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: nestLogLevels(config.log.level) });
}
