import { Module, type DynamicModule } from '@nestjs/common';
import { CacheModule } from '@ollama-guard/cache';
import { ConfigModule, type AppConfig } from '@ollama-guard/config';
import { HealthModule } from './health/health.module.js';
import { ScanModule } from './scan/scan.module.js';

@Module({})
export class GuardModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: GuardModule, imports: [ConfigModule.forRoot(config), CacheModule.forRoot('guard-inference', { sharedOnly: true }), HealthModule, ScanModule] };
  }
}
