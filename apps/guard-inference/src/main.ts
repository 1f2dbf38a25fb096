import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@ollama-guard/config';
import { armShutdownWatchdog } from '@ollama-guard/health';
import { startTracing } from '@ollama-guard/tracing';
import { createGuardInference } from './guard.app.js';

const config = loadConfigOrExit();
// Before the app is built, so every span it makes has a provider (OTEL_* variables configure it).
startTracing('guard-inference');
const app = await createGuardInference(config);
await app.listen();
new Logger('GuardInference').log(`gRPC listening on ${config.inference.host}:${config.inference.port}`);

// The drain budget plus 5 s, then exit whatever still holds the shutdown open.
armShutdownWatchdog('GuardInference', config.gateway.shutdown_timeout_ms + 5_000);
