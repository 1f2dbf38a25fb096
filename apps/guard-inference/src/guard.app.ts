import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { AppConfig } from '@ollama-guard/config';
import { HEALTH_PACKAGE, HEALTH_PROTO } from '@ollama-guard/contracts';
import { createNestLogger } from '@ollama-guard/logging';
import { GuardModule } from './guard.module.js';

/** Builds the guard-inference gRPC server (used by `main.ts` and the tests); the caller listens. */
export async function createGuardInference(config: AppConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(GuardModule.forRoot(config), {
    transport: Transport.GRPC,
    options: {
      url: `${config.inference.host}:${config.inference.port}`,
      package: [HEALTH_PACKAGE],
      protoPath: [HEALTH_PROTO],
      loader: { keepCase: true, enums: String, defaults: true },
    },
    logger: createNestLogger(config),
  });
  app.enableShutdownHooks();
  return app;
}
