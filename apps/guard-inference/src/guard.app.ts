import { ServerCredentials } from '@grpc/grpc-js';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { AppConfig } from '@ollama-guard/config';
import { GUARD_PACKAGE, GUARD_PROTO, HEALTH_PACKAGE, HEALTH_PROTO } from '@ollama-guard/contracts';
import { createNestLogger } from '@ollama-guard/logging';
import { readFileSync } from 'node:fs';
import { GuardModule } from './guard.module.js';

/** Builds the guard-inference gRPC server (used by `main.ts` and the tests); the caller listens. */
export async function createGuardInference(config: AppConfig) {
  const { inference } = config;
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(GuardModule.forRoot(config), {
    transport: Transport.GRPC,
    options: {
      url: `${inference.host}:${inference.port}`,
      package: [GUARD_PACKAGE, HEALTH_PACKAGE],
      protoPath: [GUARD_PROTO, HEALTH_PROTO],
      loader: { enums: String, defaults: true, oneofs: true },
      credentials: serverCredentials(config),
      channelOptions: {
        // Clients re-resolve when their connection ages out, so new replicas get traffic.
        'grpc.max_connection_age_ms': inference.max_connection_age_ms,
        'grpc.max_connection_age_grace_ms': 30_000,
        'grpc.keepalive_permit_without_calls': 1,
        'grpc.http2.min_ping_interval_without_data_ms': 10_000,
      },
    },
    logger: createNestLogger(config, 'guard-inference'),
  });
  app.enableShutdownHooks();
  return app;
}

function serverCredentials(config: AppConfig): ServerCredentials {
  const { tls_cert, tls_key, tls_client_ca } = config.inference;
  if (!tls_cert) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(tls_client_ca ? readFileSync(tls_client_ca) : null, [{ cert_chain: readFileSync(tls_cert), private_key: readFileSync(tls_key) }], Boolean(tls_client_ca));
}
