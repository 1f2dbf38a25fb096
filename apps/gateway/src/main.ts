import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@ollama-guard/config';
import { armShutdownWatchdog } from '@ollama-guard/health';
import { startTracing } from '@ollama-guard/tracing';
import { createGateway } from './gateway.app.js';

const config = loadConfigOrExit();
// Before the app is built, so every span it makes has a provider (OTEL_* variables configure it).
startTracing('gateway');
const app = await createGateway(config);
await app.listen(config.gateway.port, config.gateway.host);
new Logger('Gateway').log(`listening on ${await app.getUrl()}, forwarding to ${config.upstream.url}`);

// The drain budget plus 5 s, then exit whatever still holds the shutdown open.
armShutdownWatchdog('Gateway', config.gateway.shutdown_timeout_ms + 5_000);
