import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CacheModule } from '@ollama-guard/cache';
import { ConfigModule, type AppConfig } from '@ollama-guard/config';
import { AccessModule } from './access/access.module.js';
import { CacheController } from './cache/cache.controller.js';
import { ApiErrorFilter } from './http/api-error.filter.js';
import { DrainService } from './lifecycle/drain.service.js';
import { OllamaController } from './ollama/ollama.controller.js';
import { OpenAiController } from './openai/openai.controller.js';
import { GuardModule } from './guard/guard.module.js';
import { UpstreamModule } from './upstream/upstream.module.js';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [ConfigModule.forRoot(config), CacheModule.forRoot('gateway'), UpstreamModule, GuardModule, AccessModule],
      controllers: [OllamaController, OpenAiController, CacheController],
      providers: [DrainService, { provide: APP_FILTER, useClass: ApiErrorFilter }],
    };
  }
}
