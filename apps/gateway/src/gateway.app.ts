import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@ollama-guard/config';
import { createNestLogger } from '@ollama-guard/logging';
import { registerAccessHooks } from './access/access.hooks.js';
import { ApiKeyStore } from './access/api-keys.store.js';
import type { DestinationStream } from 'pino';
import { GatewayModule } from './gateway.module.js';
import { registerHttpObserver } from './observability/http.observer.js';
import { registerBodyParser } from './http/body.parser.js';

/** Builds the gateway (used by `main.ts`, the tests and the benchmark); the caller listens. */
export async function createGateway(config: AppConfig, options: { logDestination?: DestinationStream } = {}): Promise<NestFastifyApplication> {
  const logger = createNestLogger(config, 'gateway', options.logDestination);
  // A bad keys file must fail like a bad config value, before anything starts.
  if (config.access.api_keys_file) ApiKeyStore.read(config);
  const adapter = new FastifyAdapter({
    keepAliveTimeout: config.gateway.keep_alive_timeout_ms,
    // The body parser enforces the configured limit itself, per route.
    bodyLimit: Number.MAX_SAFE_INTEGER,
    return503OnClosing: true,
    // The drain service lets busy connections finish first; whatever is left, including
    // connections that never sent a request, must not hold the shutdown open.
    forceCloseConnections: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    bodyParser: false,
    logger,
  });
  registerHttpObserver(app, config, logger.pino.child({ context: 'Http' }));
  registerAccessHooks(app);
  registerBodyParser(app.getHttpAdapter().getInstance(), config.gateway.body_limit);
  app.enableShutdownHooks();
  return app;
}
