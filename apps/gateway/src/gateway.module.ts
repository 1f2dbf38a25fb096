import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminModule } from '@ollama-guard/admin';
import { CacheModule } from '@ollama-guard/cache';
import { ConfigModule, type AppConfig } from '@ollama-guard/config';
import { HealthModule } from '@ollama-guard/health';
import { MetricsModule } from '@ollama-guard/metrics';
import { TracingModule } from '@ollama-guard/tracing';
import { AccessModule } from './access/access.module.js';
import { ApiErrorFilter } from './http/api-error.filter.js';
import { DrainService } from './lifecycle/drain.service.js';
import { OllamaController } from './ollama/ollama.controller.js';
import { OpenAiController } from './openai/openai.controller.js';
import { GuardModule } from './guard/guard.module.js';
import { GatewayMetricsModule, ReadinessModule } from './observability/observability.module.js';
import { UpstreamModule } from './upstream/upstream.module.js';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule.forRoot('gateway'),
        GatewayMetricsModule,
        HealthModule,
        CacheModule.forRoot('gateway'),
        AdminModule.forRoot((c) => c.gateway.admin_port),
        UpstreamModule,
        GuardModule,
        AccessModule,
        ReadinessModule,
        TracingModule,
      ],
      controllers: [OllamaController, OpenAiController],
      providers: [DrainService, { provide: APP_FILTER, useClass: ApiErrorFilter }],
    };
  }
}
