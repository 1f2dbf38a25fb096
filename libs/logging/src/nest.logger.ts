// Structured JSON logs (pino) for both apps: one line per event, the active trace and span ids on
// every line, and secrets redacted wherever they appear as fields. Nest's own messages go through
// the same logger.
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { AppConfig } from '@ollama-guard/config';
import { traceIds } from '@ollama-guard/tracing';
import { pino, type DestinationStream, type Logger } from 'pino';

const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const RANK = { silent: -1, fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 } as const;

/** Nest's levels up to the configured one (`info` is Nest's `log`, `trace` its `verbose`). */
export function nestLogLevels(level: AppConfig['log']['level']): LogLevel[] {
  return NEST_LEVELS.slice(0, RANK[level] + 1);
}

/** Field paths never written as they are: credentials in headers and anything named like a secret. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.password',
  '*.token',
  '*.api_key',
  '*.secret',
];

export function createPino(config: AppConfig, service: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.log.level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => traceIds() ?? {},
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/** Nest's LoggerService over pino; the last string argument Nest passes is the context. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    // Nest's error(message, stack, context) form.
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n')) fields.stack = rest.shift();
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...fields, ...(message as object) });
    else this.pino[level](fields, String(message));
  }
}

export function createNestLogger(config: AppConfig, service = 'ollama-guard', destination?: DestinationStream): PinoNestLogger {
  return new PinoNestLogger(createPino(config, service, destination));
}
