import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@ollama-guard/config';
import { startTracing } from '@ollama-guard/tracing';
import { createGuardInference } from './guard.app.js';

const config = loadConfigOrExit();
// Before the app is built, so every span it makes has a provider (OTEL_* variables configure it).
startTracing('guard-inference');
const app = await createGuardInference(config);
await app.listen();
new Logger('GuardInference').log(`gRPC listening on ${config.inference.host}:${config.inference.port}`);

// Nest drains and closes on SIGTERM; if something holds the close open past the drain budget, exit
// anyway rather than wait for the kubelet's SIGKILL.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    setTimeout(() => {
      new Logger('GuardInference').error(`shutdown still not finished ${config.gateway.shutdown_timeout_ms + 5_000} ms after ${signal}: exiting`);
      process.exit(1);
    }, config.gateway.shutdown_timeout_ms + 5_000).unref();
  });
}
