import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessService } from './access.service.js';

/**
 * Registers the access checks as Fastify's first hook, before any route (and before Nest has
 * registered its routes), so every request, unknown paths included, passes through them.
 */
export function registerAccessHooks(app: NestFastifyApplication): void {
  const access = app.get(AccessService);
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply) => access.onRequest(request, reply));
}
