import 'reflect-metadata';
import { AdminServer } from '@ollama-guard/admin';
import { loadConfig } from '@ollama-guard/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGateway } from '../../apps/gateway/src/gateway.app.js';

/** For suites about the proxy layer itself: no scanning, so bodies and streams pass byte for byte. */
export const NO_GUARD = { ENABLE_INPUT_GUARD: 'false', ENABLE_OUTPUT_GUARD: 'false' } as const;

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  /** The admin port: probes, /metrics, /config, /stats, cache and queue endpoints. */
  adminUrl: string;
  close(): Promise<void>;
}

/** The real gateway, configured through the real config loader, listening on a free port. */
export async function startGateway(env: Record<string, string>, options: Parameters<typeof createGateway>[1] = {}): Promise<RunningGateway> {
  const config = loadConfig({ env: { LOG_LEVEL: 'error', GATEWAY_HOST: '127.0.0.1', ADMIN_HOST: '127.0.0.1', GATEWAY_ADMIN_PORT: '0', ...env } });
  const app = await createGateway(config, options);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, adminUrl: `http://127.0.0.1:${app.get(AdminServer).listeningPort}`, close: () => app.close() };
}
