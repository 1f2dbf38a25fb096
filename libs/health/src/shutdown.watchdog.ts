import { Logger } from '@nestjs/common';

/**
 * Nest drains and closes on SIGTERM; if something holds the close open past the drain budget, the
 * process exits anyway rather than wait for the kubelet's SIGKILL.
 */
export function armShutdownWatchdog(service: string, budgetMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        new Logger(service).error(`shutdown still not finished ${budgetMs} ms after ${signal}: exiting`);
        process.exit(1);
      }, budgetMs).unref();
    });
  }
}
