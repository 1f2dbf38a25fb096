import 'reflect-metadata';
import { credentials, loadPackageDefinition, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { INestMicroservice } from '@nestjs/common';
import { loadConfig } from '@ollama-guard/config';
import { HEALTH_PROTO, ServingStatus, type HealthCheckResponse } from '@ollama-guard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardInference } from '../../apps/guard-inference/src/guard.app.js';
import { HealthRegistry } from '../../apps/guard-inference/src/health/health.registry.js';
import { freePort } from '../support/free-port.js';

type HealthClient = Client & {
  Check(request: { service: string }, callback: (error: ServiceError | null, response: HealthCheckResponse) => void): void;
  Watch(request: { service: string }): NodeJS.EventEmitter & { cancel(): void };
};

// A plain grpc-js client built from the standard proto, as grpc_health_probe or a kubelet would be.
describe('guard-inference gRPC health', () => {
  let app: INestMicroservice;
  let client: HealthClient;

  beforeAll(async () => {
    const port = await freePort();
    app = await createGuardInference(loadConfig({ env: { GUARD_HOST: '127.0.0.1', GUARD_PORT: String(port), INFERENCE_ADMIN_PORT: '0', LOG_LEVEL: 'error' } }));
    await app.listen();
    const pkg = loadPackageDefinition(loadSync(HEALTH_PROTO, { enums: String })) as any;
    client = new pkg.grpc.health.v1.Health(`127.0.0.1:${port}`, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  const check = (service: string) =>
    new Promise<HealthCheckResponse>((resolve, reject) => client.Check({ service }, (error, response) => (error ? reject(error) : resolve(response))));

  it('reports the server as SERVING', async () => {
    expect(await check('')).toEqual({ status: 'SERVING' });
  });

  it('answers NOT_FOUND for an unknown service, as the protocol requires', async () => {
    await expect(check('no.such.Service')).rejects.toMatchObject({ code: 5 });
  });

  it('streams status changes to watchers', async () => {
    const registry = app.get(HealthRegistry);
    const seen: string[] = [];
    const call = client.Watch({ service: 'test.v1.Probe' });
    call.on('error', (error: ServiceError) => expect(error.code).toBe(1)); // CANCELLED, by us below
    const done = new Promise<void>((resolve) => {
      call.on('data', (response: HealthCheckResponse) => {
        seen.push(response.status);
        if (seen.length === 1) registry.set('test.v1.Probe', ServingStatus.NOT_SERVING);
        if (seen.length === 2) registry.set('test.v1.Probe', ServingStatus.SERVING);
        if (seen.length === 3) resolve();
      });
    });
    await done;
    call.cancel();
    expect(seen).toEqual(['SERVICE_UNKNOWN', 'NOT_SERVING', 'SERVING']);
  });
});
